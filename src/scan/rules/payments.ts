// Payments and commerce: Stripe, Square, PayPal/Braintree, Shopify.
import type { Rule } from '../rule.js';
import { END, re } from './define.js';

const shopify = (kind: string, description: string): Rule => ({
  id: `shopify-${kind === 'at' ? 'access-token' : kind === 'ss' ? 'shared-secret' : kind === 'ca' ? 'custom-app-token' : 'private-app-token'}`,
  description,
  severity: 'high',
  keywords: [`shp${kind}_`],
  pattern: re(String.raw`\b(shp${kind}_[a-fA-F0-9]{32})\b`),
  entropy: 3,
});

export const PAYMENT_RULES: readonly Rule[] = [
  {
    id: 'stripe-access-token',
    description: 'Stripe secret or restricted key',
    severity: 'high',
    keywords: ['sk_test', 'sk_live', 'sk_prod', 'rk_test', 'rk_live', 'rk_prod'],
    pattern: re(String.raw`\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})${END}`, 'gm'),
    entropy: 2,
  },
  {
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret',
    severity: 'high',
    keywords: ['whsec_'],
    pattern: re(String.raw`\b(whsec_[a-zA-Z0-9]{32,64})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'square-access-token',
    description: 'Square access token',
    severity: 'high',
    keywords: ['sq0atp-', 'eaaa'],
    pattern: re(String.raw`\b(sq0atp-[\w-]{22}|EAAA[\w-]{60})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'square-oauth-secret',
    description: 'Square application (OAuth) secret',
    severity: 'high',
    keywords: ['sq0csp-'],
    pattern: re(String.raw`\b(sq0csp-[\w-]{43})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'braintree-access-token',
    description: 'PayPal / Braintree access token',
    severity: 'high',
    keywords: ['access_token$production$', 'access_token$sandbox$'],
    pattern: re(String.raw`\b(access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})\b`),
    entropy: 3,
  },
  shopify('at', 'Shopify access token'),
  shopify('ss', 'Shopify shared secret'),
  shopify('ca', 'Shopify custom app access token'),
  shopify('pa', 'Shopify private app access token'),
];
