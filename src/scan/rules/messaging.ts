// Chat and mail: Slack, Discord, Telegram, Twilio, SendGrid, Mailgun, Mailchimp, Postmark.
import type { Rule } from '../rule.js';
import { assigned, END, re, SAME_LINE, START } from './define.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TWILIO = '(?:[Tt]wilio|TWILIO)';

export const MESSAGING_RULES: readonly Rule[] = [
  {
    id: 'slack-bot-token',
    description: 'Slack bot token',
    severity: 'high',
    keywords: ['xoxb'],
    pattern: re(String.raw`\b(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]{0,64})`),
    entropy: 3,
  },
  {
    id: 'slack-user-token',
    description: 'Slack user token',
    severity: 'high',
    keywords: ['xoxp', 'xoxe'],
    pattern: re(String.raw`\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34})`),
    entropy: 2,
  },
  { id: 'slack-app-token', description: 'Slack app-level token', severity: 'high', keywords: ['xapp'], pattern: re(String.raw`\b(xapp-\d-[A-Z0-9]{1,64}-\d{1,20}-[a-z0-9]{1,128})`, 'gi'), entropy: 2 },
  {
    id: 'slack-legacy-token',
    description: 'Slack legacy token',
    severity: 'high',
    keywords: ['xoxo', 'xoxs', 'xoxa', 'xoxr'],
    pattern: re(String.raw`\b(xox[os]-\d{1,20}-\d{1,20}-\d{1,20}-[a-fA-F\d]{1,128}|xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48})`),
    entropy: 2,
  },
  {
    id: 'slack-config-token',
    description: 'Slack app configuration access or refresh token',
    severity: 'high',
    keywords: ['xoxe'],
    pattern: re(String.raw`\b(xoxe\.xox[bp]-\d-[A-Z0-9]{150,170}|xoxe-\d-[A-Z0-9]{140,150})\b`, 'gi'),
    entropy: 2,
  },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: re(String.raw`((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})`),
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token',
    severity: 'high',
    keywords: ['discord', 'bot '],
    // Base64 user id (starts M, N or O) . timestamp . HMAC; named by a discord variable or an `Authorization: Bot` header.
    pattern: re(String.raw`(?:[Dd]iscord|DISCORD|\bBot )${SAME_LINE}{0,40}?${START}([MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'discord-webhook-url',
    description: 'Discord webhook URL',
    severity: 'high',
    keywords: ['discord'],
    pattern: re(String.raw`(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[\w-]{60,68})`),
    entropy: 3,
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    severity: 'high',
    keywords: [':aa'],
    pattern: re(String.raw`${START}(\d{8,10}:AA[\w-]{33})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key SID (SK… with twilio on the same line)',
    severity: 'high',
    keywords: ['twilio'],
    // SK + 32 hex alone is any hex string with two letters before it: twilio before it (TWILIO_API_KEY=) or after it
    // (curl -u SK…:… https://api.twilio.com) on the same line.
    pattern: re(String.raw`(?:${TWILIO}${SAME_LINE}{0,60}?\b(?=SK)|\b(?=SK[0-9a-f]{32}\b${SAME_LINE}{0,120}?${TWILIO}))(SK[0-9a-f]{32})\b`),
    entropy: 3,
  },
  {
    id: 'twilio-auth-token',
    description: 'Twilio account SID with its auth token (AC… and the 32-hex token)',
    severity: 'high',
    keywords: ['twilio'],
    // `TWILIO_AUTH_TOKEN=…`, or `AC…:token` as curl's -u / a URL's user-info.
    pattern: re(String.raw`(?:${TWILIO}[\w.-]{0,10}(?:AUTH|[Aa]uth)[_.-]?(?:TOKEN|[Tt]oken)["']?[ \t]{0,3}(?:=|:)[ \t]{0,3}["']?|\bAC[0-9a-f]{32}:(?=[0-9a-f]{32}\b${SAME_LINE}{0,120}?${TWILIO}))([0-9a-f]{32})\b`),
    entropy: 3,
  },
  {
    id: 'twilio-account-sid',
    description: 'Twilio account SID (identifies the account; the token is usually near)',
    severity: 'medium',
    keywords: ['twilio'],
    pattern: re(String.raw`${TWILIO}${SAME_LINE}{0,60}?\b(AC[0-9a-f]{32})\b`),
    entropy: 3,
  },
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    severity: 'high',
    keywords: ['sg.'],
    pattern: re(String.raw`\b(SG\.[\w-]{22}\.[\w-]{43})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'mailgun-api-key',
    description: 'Mailgun private API key',
    severity: 'high',
    keywords: ['key-', 'mailgun'],
    // `key-<32 hex>` is distinctive; the newer `<32>-<8>-<8>` hex form needs a mailgun name before it.
    pattern: re(String.raw`(?:(?=key-)${START}|(?:[Mm]ailgun|MAILGUN)${SAME_LINE}{0,40}?${START})(key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})\b`),
    entropy: 3,
  },
  {
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    severity: 'high',
    // The data-centre suffix: us1 … us21 (every one starts with one of these).
    keywords: ['-us1', '-us2', '-us3', '-us4', '-us5', '-us6', '-us7', '-us8', '-us9'],
    pattern: re(String.raw`\b([0-9a-f]{32}-us\d{1,2})\b`),
    entropy: 3,
  },
  {
    id: 'postmark-server-token',
    description: 'Postmark server or account token',
    severity: 'high',
    keywords: ['postmark'],
    pattern: re(assigned(String.raw`x-postmark-(?:server|account)-token|postmark[\w.-]{0,20}?(?:token|key)`, UUID), 'gim'),
    entropy: 3,
  },
];
