import { useEffect } from 'react';
import { useStore } from '../../store';
import { ExchangeExport } from './ExportCard';
import { ExchangeImport } from './ImportCard';
import { RefiNote } from './RefiNote';

/** Work exchanged with other qualitative-analysis software through the REFI-QDA standard. */
export function ExchangePage() {
  useEffect(() => {
    void useStore.getState().refreshCodebooks();
  }, []);
  return (
    <section className="page an-page" aria-label="Exchange">
      <header className="page__header">
        <div>
          <h1>Exchange (REFI-QDA)</h1>
          <p className="page__sub">Move the project or its codebook to and from NVivo, ATLAS.ti, MAXQDA or QualCoder.</p>
        </div>
      </header>
      <div className="an-body">
        <ExchangeExport />
        <ExchangeImport />
        <RefiNote />
      </div>
    </section>
  );
}
