/** A snippet with a copy button (clipboard API; falls back to selecting the text). */
import { useRef, useState } from 'react';

export function CopyBlock(props: { label: string; text: string }) {
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      const range = document.createRange();
      if (pre.current) range.selectNodeContents(pre.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
  };
  return (
    <figure className="snippet">
      <figcaption>
        <span>{props.label}</span>
        <button type="button" onClick={copy} aria-label={`Copy ${props.label}`}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre ref={pre}>{props.text}</pre>
    </figure>
  );
}
