import { useEffect, useRef, useState } from 'preact/hooks';

/** A `.glb` in a three.js view, whose code loads only when a page shows one. */
export function ModelView({ src }: { src: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let stale = false;
    import('./three-viewer.js')
      .then(({ showModel }) => (box.current ? showModel(box.current, src) : undefined))
      .then(
        (free) => {
          dispose = free;
          if (stale) free?.();
          else setState('shown');
        },
        () => !stale && setState('failed'),
      );
    return () => {
      stale = true;
      dispose?.();
    };
  }, [src]);
  return (
    <div class="model" ref={box} data-model-state={state}>
      {state === 'loading' && <p>Loading the 3D view…</p>}
      {state === 'failed' && <p>The 3D view could not be shown here; download the file instead.</p>}
    </div>
  );
}
