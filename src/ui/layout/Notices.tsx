import { dismissNotice, useStore } from '../../store/store';

/** Messages about the URL (unknown keys, invalid values replaced by defaults). */
export function Notices() {
  const notices = useStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" data-testid="notices">
      {notices.map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: notices are only appended or dismissed by position
        <div className="notice" key={`${i}-${n}`}>
          <span>{n}</span>
          <button type="button" className="link" onClick={() => dismissNotice(i)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
