import { useEffect, useState } from 'preact/hooks';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'model-viewer': {
        src: string;
        alt: string;
        'camera-controls'?: boolean;
        'auto-rotate'?: boolean;
        class?: string;
      };
    }
  }
}

/** A `.glb` in Google's <model-viewer>, loaded (with three.js) only when a page shows one. */
export function ModelView({ src }: { src: string }) {
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('@google/model-viewer').then(
      () => setReady(true),
      () => setFailed(true),
    );
  }, []);
  if (failed) return <p>The 3D viewer could not load; download the file instead.</p>;
  if (!ready) return <p>Loading the 3D viewer…</p>;
  return <model-viewer class="model" src={src} alt="3D output" camera-controls auto-rotate />;
}
