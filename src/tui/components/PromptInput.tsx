// One-line prompt for filters and searches. Written instead of ink-text-input, which builds each
// new value from the last rendered one and drops keys that arrive between two renders (fast
// typing over SSH). Keys come from the input router through the command bus, which queues what
// was typed before this prompt mounted; the value lives in a ref. Backspace, Ctrl-U and Ctrl-W
// edit it (input/prompt-edit.ts); a bracketed paste is kept literally and shown through SafeText.
import { SafeText } from './SafeText.js';
import { useLayoutEffect, useRef } from 'react';
import { useCommandBus } from '../command-bus.js';
import { editPrompt } from '../input/prompt-edit.js';

export interface PromptInputProps {
  value: string;
  onChange(value: string): void;
  onSubmit(value: string): void;
}

export function PromptInput({ value, onChange, onSubmit }: PromptInputProps) {
  const bus = useCommandBus();
  const latest = useRef(value);
  // Values this prompt emitted and may still see echoed back in `value`, possibly a render late:
  // only a value it did not emit (the parent cleared or replaced it) resets what was typed.
  const echoes = useRef(new Set<string>());
  const callbacks = useRef({ onChange, onSubmit });
  callbacks.current = { onChange, onSubmit };
  // Layout effects, this one first: a value the parent set is taken before the keys queued for the prompt.
  useLayoutEffect(() => {
    if (echoes.current.has(value)) return;
    echoes.current.clear();
    latest.current = value;
  }, [value]);
  // The prompt takes keys as soon as it is committed, before the router's next key.
  useLayoutEffect(() => {
    bus.setPrompt((e) => {
      if (e.type === 'submit') return callbacks.current.onSubmit(latest.current);
      latest.current = editPrompt(latest.current, e);
      echoes.current.add(latest.current);
      callbacks.current.onChange(latest.current);
    });
    return () => bus.setPrompt(null);
  }, [bus]);
  return (
    <SafeText>
      {value}
      <SafeText inverse> </SafeText>
    </SafeText>
  );
}
