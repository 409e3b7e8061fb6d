/** The agreed definitions (MQL, SQL, "paying customer", ...) and which page of them the wall shows next. */
import { ref } from 'vue';
import { defineFigureStore } from './figure-store';

export const useGlossaryStore = defineFigureStore('glossary', 'glossary.list', () => {
  /**
   * How many pages of terms the wall has turned so far. It lives here rather than in the slide because the
   * slide is mounted afresh on every rotation, and each rotation should show the next page.
   */
  const pageTurns = ref(0);

  /** Counts one more page shown; returns the count before this turn. */
  function turnPage(): number {
    pageTurns.value += 1;
    return pageTurns.value - 1;
  }

  return { expose: { pageTurns, turnPage } };
});
