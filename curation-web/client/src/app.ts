// The script every page loads. Each part looks for its element and does nothing where the page has none:
// the pages work without it; it adds completions on the search page and a live first-start progress on the home page.
import { startCompletions } from './completions';
import { followIngest } from './ingest-progress';

const query = document.querySelector<HTMLInputElement>('input#q[aria-controls=suggest]');
const suggest = document.getElementById('suggest');
if (query && suggest instanceof HTMLUListElement) startCompletions(query, suggest);

const ingest = document.getElementById('ingest-status');
if (ingest?.dataset.poll) followIngest(ingest, ingest.dataset.poll);
