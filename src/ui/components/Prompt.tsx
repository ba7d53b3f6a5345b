import { Text, useInput } from 'ink';
import { useState } from 'react';
import type { Theme } from '../theme.js';

export interface PromptProps {
  prefix: ':' | '/';
  initial?: string;
  /** Completions for the current text, best first; Tab takes the first. */
  suggest?: (text: string) => string[];
  onChange?: (text: string) => void;
  onSubmit(text: string): void;
  onCancel(): void;
  theme: Theme;
  history?: readonly string[];
}

/** The one-line input for `:` commands and `/` filters. */
export function Prompt({
  prefix,
  initial = '',
  suggest,
  onChange,
  onSubmit,
  onCancel,
  theme,
  history = [],
}: PromptProps) {
  const [text, setText] = useState(initial);
  const [hist, setHist] = useState(history.length);
  const set = (t: string) => {
    setText(t);
    onChange?.(t);
  };
  const suggestions = suggest ? suggest(text) : [];
  useInput((input, key) => {
    if (key.escape) return onCancel();
    if (key.return) return onSubmit(text);
    if (key.tab) {
      const first = suggestions[0];
      if (first) {
        const words = text.split(' ');
        words[words.length - 1] = first;
        set(`${words.join(' ')}${words.length === 1 ? ' ' : ''}`);
      }
      return;
    }
    if (key.upArrow && history.length) {
      const i = Math.max(0, hist - 1);
      setHist(i);
      set(history[i] ?? '');
      return;
    }
    if (key.downArrow && history.length) {
      const i = Math.min(history.length, hist + 1);
      setHist(i);
      set(history[i] ?? '');
      return;
    }
    if (key.backspace || key.delete) {
      if (text === '') return onCancel();
      return set(text.slice(0, -1));
    }
    if (key.ctrl && input === 'u') return set('');
    if (key.ctrl || key.meta || !input) return;
    set(text + input.replace(/[\r\n]/g, ''));
  });
  return (
    <Text wrap="truncate">
      <Text bold color={theme.key}>
        {prefix}
      </Text>
      <Text>{text}</Text>
      <Text inverse> </Text>
      {suggestions.length > 0 ? <Text color={theme.dim}>{`   ${suggestions.join('  ')}`}</Text> : null}
    </Text>
  );
}
