// The one prompt line for `/` (a filter, the log's search, the search pane's query) and `:` (jump): a sigil, the
// text being typed (PromptInput takes the keys), and an optional note after it. `dropControls` keeps control
// characters out of the value (a paste could carry escape sequences) where the text becomes a query.
import { Box } from 'ink';
import { CONTROLS } from '../hooks/use-input-open.js';
import { PromptInput } from './PromptInput.js';
import { SafeText } from './SafeText.js';

export interface FilterPromptProps {
  /** What opened it: `/`, `:`, `search: `. */
  sigil: string;
  value: string;
  onChange(value: string): void;
  onSubmit(value: string): void;
  /** Gray text after the prompt (`[auto→fuzzy]`, how to use it). */
  note?: string;
  dropControls?: boolean;
}

export function FilterPrompt({ sigil, value, onChange, onSubmit, note, dropControls = false }: FilterPromptProps) {
  const clean = (t: string) => (dropControls ? t.replace(CONTROLS, '') : t);
  return (
    <Box>
      <SafeText color="cyan">{sigil}</SafeText>
      <PromptInput value={value} onChange={(t) => onChange(clean(t))} onSubmit={(t) => onSubmit(clean(t))} />
      {note ? <SafeText color="gray">{note}</SafeText> : null}
    </Box>
  );
}
