/** Whether the researcher folded the navigator to a strip: kept across starts, read by the first screen and the store. */
const NAV_KEY = 'dyad.navigator';

export function storedNavFolded(): boolean {
  try {
    return window.localStorage.getItem(NAV_KEY) === 'folded';
  } catch {
    return false;
  }
}

export function storeNavFolded(folded: boolean): void {
  try {
    window.localStorage.setItem(NAV_KEY, folded ? 'folded' : 'open');
  } catch {
    /* storage disabled: the choice lasts this session */
  }
}
