// AI APIs: OpenAI, Anthropic, Hugging Face, and hosted-model platforms a CI job calls.
import type { Rule } from '../rule.js';
import { END, re } from './define.js';

export const AI_RULES: readonly Rule[] = [
  {
    id: 'openai-api-key',
    description: 'OpenAI API key (project, service account, admin or legacy user key)',
    severity: 'high',
    // T3BlbkFJ is base64 of "OpenAI", inside legacy keys.
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 't3blbkfj'],
    pattern: re(String.raw`\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API or admin key',
    severity: 'high',
    keywords: ['sk-ant-'],
    pattern: re(String.raw`\b(sk-ant-(?:api|admin)\d{2}-[\w-]{80,120})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face access token',
    severity: 'high',
    keywords: ['hf_', 'api_org_'],
    pattern: re(String.raw`\b((?:hf_|api_org_)[a-zA-Z]{34})\b`),
    entropy: 3,
  },
  {
    id: 'replicate-api-token',
    description: 'Replicate API token',
    severity: 'high',
    keywords: ['r8_'],
    pattern: re(String.raw`\b(r8_[A-Za-z0-9]{37})\b`),
    entropy: 3,
  },
];
