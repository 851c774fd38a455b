// One-line prompt for filters and searches. Written instead of ink-text-input, which builds each
// new value from the last rendered one and so drops keys that arrive between two renders (fast
// typing over SSH); here the value lives in a ref. Pasted control characters are dropped.
import { Text, useInput } from 'ink';
import { useEffect, useRef } from 'react';

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

export interface PromptInputProps {
  value: string;
  onChange(value: string): void;
  onSubmit(value: string): void;
  /** Whether this prompt takes keys (only one prompt is ever open). */
  focus?: boolean;
}

export function PromptInput({ value, onChange, onSubmit, focus = true }: PromptInputProps) {
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  useInput(
    (input, key) => {
      if (key.return) return onSubmit(latest.current);
      if (key.backspace || key.delete) {
        latest.current = [...latest.current].slice(0, -1).join('');
        return onChange(latest.current);
      }
      if (key.escape || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab || key.ctrl || key.meta) return;
      const text = input.replace(CONTROLS, '');
      if (!text) return;
      latest.current += text;
      onChange(latest.current);
    },
    { isActive: focus },
  );
  return (
    <Text>
      {value}
      <Text inverse> </Text>
    </Text>
  );
}
