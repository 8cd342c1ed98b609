import { useStore } from '../../store';

/**
 * The first Tab stop of the window: past the navigator, straight to the transcript when a session is open (or to
 * the main area otherwise). Shown only while it has the keyboard's focus.
 */
export function SkipLink() {
  const inSession = useStore((s) => s.page === 'session' && s.sessionId !== null);
  return (
    <a
      href={inSession ? '#transcript' : '#main'}
      className="skip-link"
      onClick={(e) => {
        // Focus, not navigation: the app never changes its own address.
        e.preventDefault();
        const target = document.getElementById(inSession ? 'transcript' : 'main');
        target?.focus();
      }}
    >
      {inSession ? 'Skip to the transcript' : 'Skip to the main area'}
    </a>
  );
}
