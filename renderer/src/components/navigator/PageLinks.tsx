import { navigatorPages } from '../../pages/list';
import { useStore } from '../../store';

/** The workspace's pages besides the session view (search, excerpts, concordance, team, export…). */
export function PageLinks() {
  const page = useStore((s) => s.page);
  const setPage = useStore((s) => s.setPage);
  const pages = navigatorPages();
  if (!pages.length) return null;
  return (
    <nav className="nav__pages" aria-label="Analysis">
      <div className="nav__section-title">Analysis</div>
      <ul>
        {pages.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className={`nav__page${page === p.id ? ' nav__page--current' : ''}`}
              aria-current={page === p.id ? 'page' : undefined}
              title={p.description}
              onClick={() => setPage(p.id)}
            >
              {p.title}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
