import { useRef, useState } from 'react';
import { CIFAR_MEAN, CIFAR_STD } from '../../engine/data/cifar';
import { restoreBundledImages } from '../../store/pictures/images';
import { useStore } from '../../store/store';
import { loadFiles } from './load';

const CH = ['R', 'G', 'B'];

/** Search and score on your own images: drop PNG / JPEG files or a CIFAR binary batch. */
export function ImagesPanel() {
  const im = useStore((s) => s.explore.images);
  const batch = useStore((s) => s.params.batchSize);
  const input = useRef<HTMLInputElement>(null);
  const [hover, setHover] = useState(false);
  const info = im.info;
  return (
    <section
      className="panel images-panel"
      aria-label="Your images"
      data-testid="images-panel"
      data-source={info.source}
      data-count={info.count}
    >
      <h2>Search and score on your own images</h2>
      <p className="hint">
        Drop PNG or JPEG files (any size: each is centre-cropped to a square and resized to 32 × 32) or CIFAR binary batch files (3073-byte
        records: a label byte, then 1024 red, 1024 green and 1024 blue bytes) here or anywhere on the page. Their per-channel mean and
        standard deviation replace CIFAR-10's in the normalisation, and κ_N and R_N — in the search, for a single cell and in the study —
        are measured on them instead of the bundled CIFAR-10 images. You need at least as many images as the NTK batch ({batch}).{' '}
        <strong>Nothing is uploaded: the files are read in this tab only.</strong>
      </p>
      <button
        type="button"
        className={`drop-zone${hover ? ' hover' : ''}`}
        data-testid="images-drop"
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setHover(true);
        }}
        onDragLeave={() => setHover(false)}
        onDrop={(e) => {
          e.preventDefault();
          setHover(false);
          void loadFiles([...e.dataTransfer.files]);
        }}
      >
        {im.busy ? 'Reading…' : 'Drop images or a CIFAR .bin batch here, or click to choose files'}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept="image/png,image/jpeg,.png,.jpg,.jpeg,.bin"
        hidden
        data-testid="images-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void loadFiles(files);
        }}
      />
      {im.error && (
        <p className="field-error" role="alert" data-testid="images-error">
          {im.error}
        </p>
      )}
      {im.skipped.length > 0 && (
        <ul className="skipped" data-testid="images-skipped">
          {im.skipped.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <div className="images-status" data-testid="images-status">
        Measuring on: <strong>{info.source === 'own' ? `your images (${info.label})` : 'CIFAR-10 training images (bundled, 4,000)'}</strong>
        {info.source === 'own' && (
          <button type="button" onClick={() => void restoreBundledImages()} data-testid="images-reset">
            Use CIFAR-10 again
          </button>
        )}
      </div>
      {info.source === 'own' && info.mean && info.std && (
        <table className="images-stats" data-testid="images-stats">
          <thead>
            <tr>
              <th>channel</th>
              <th>mean (yours)</th>
              <th>std (yours)</th>
              <th>mean (CIFAR-10)</th>
              <th>std (CIFAR-10)</th>
            </tr>
          </thead>
          <tbody>
            {CH.map((c, i) => (
              <tr key={c}>
                <td>{c}</td>
                <td>{info.mean![i].toFixed(1)}</td>
                <td>{info.std![i].toFixed(1)}</td>
                <td>{CIFAR_MEAN[i].toFixed(1)}</td>
                <td>{CIFAR_STD[i].toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {im.thumbs.length > 0 && (
        <figure className="thumbs" aria-label="previews of the last images read (32 × 32)">
          {im.thumbs.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the previews are replaced as a whole, never reordered
            <img key={i} src={t} width={48} height={48} alt="" />
          ))}
        </figure>
      )}
    </section>
  );
}
