import { useEffect, useState } from 'react';

/**
 * An architecture string ("|nor_conv_3x3~0|+|…|") that wraps at its `|`
 * boundaries instead of running out of its box, with the whole string as a
 * tooltip and a button that copies it.
 */
export function ArchText({ arch, testId }: { arch: string; testId?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const parts = arch.split(/(?<=\|)/);
  return (
    <span className="arch">
      <code title={arch} data-testid={testId}>
        {parts.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed string, in order
          <span key={i}>
            {p}
            <wbr />
          </span>
        ))}
      </code>{' '}
      <button
        type="button"
        className="copy"
        aria-label="Copy the architecture string"
        title="Copy the architecture string"
        onClick={() =>
          navigator.clipboard.writeText(arch).then(
            () => setCopied('yes'),
            () => setCopied('failed'),
          )
        }
      >
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
    </span>
  );
}
