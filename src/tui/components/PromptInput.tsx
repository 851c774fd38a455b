// One-line prompt for filters and searches. Written instead of ink-text-input, which builds each
// new value from the last rendered one and drops keys that arrive between two renders (fast
// typing over SSH). Keys come from the app's single input handler through the command bus, which
// queues what was typed before this prompt mounted; the value lives in a ref. Pasted control
// characters are dropped.
import { SafeText } from './SafeText.js';
import { useEffect, useRef } from 'react';
import { useCommandBus } from '../command-bus.js';

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

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
  useEffect(() => {
    if (echoes.current.has(value)) return;
    echoes.current.clear();
    latest.current = value;
  }, [value]);
  useEffect(() => {
    bus.setPrompt((e) => {
      if (e.type === 'submit') return callbacks.current.onSubmit(latest.current);
      if (e.type === 'backspace') latest.current = [...latest.current].slice(0, -1).join('');
      else latest.current += e.text.replace(CONTROLS, '');
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
