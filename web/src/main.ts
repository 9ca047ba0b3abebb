// The composition root of the survivor pages' script. The pages are complete without it (S10):
// every control here enhances server-rendered HTML and finds its texts in data attributes, so this
// bundle carries no catalogue. The map is a separate chunk, imported only when opened.
import './layout/base.css';
import './layout/site.css';
import './layout/now.css';
import './quick-exit/quick-exit.css';
import './area/area.css';
import './service/service.css';
import './near-me/near-me.css';
import './offline/offline-control.css';
import './guide/guide.css';
import './pathway/pathway.css';
import './safe-card/safe-card.css';
import './print/area-print.css';

import { AreaFilters } from './area/area-filters.ts';
import { NearMeSort } from './area/near-me-sort.ts';
import { ViewToggle } from './area/view-toggle.ts';
import { HomeNearMe } from './home/home-near-me.ts';
import { HomeSearch } from './home/home-search.ts';
import { ReplaceNavigation } from './navigation/replace-navigation.ts';
import { OfflineControl } from './offline/offline-control.ts';
import { QuickExit } from './quick-exit/quick-exit.ts';
import { ProblemReport } from './service/problem-report.ts';

const page = document.documentElement.dataset.page;
const byRole = <T extends HTMLElement>(role: string) => document.querySelector<T>(`[data-role="${role}"]`);

// Safety first: these two run on every page before anything else can fail.
QuickExit.install(document);
new ReplaceNavigation(document).install();

if (page === 'area') {
  const results = () => document.getElementById('results')!;
  const nearMe = byRole('near-me-sort');
  const sorter = nearMe ? new NearMeSort(nearMe, results) : null;
  const mapView = document.getElementById('map-view');
  const toggle = byRole('view-toggle');
  const views = toggle && mapView ? new ViewToggle(toggle, mapView, results) : null;
  sorter?.install();
  views?.install();
  const form = byRole<HTMLFormElement>('filters');
  if (form) {
    new AreaFilters(form, results, () => {
      sorter?.refresh();
      views?.refresh();
    }).install();
  }
}

if (page === 'home') {
  const container = byRole('home-near-me');
  if (container) new HomeNearMe(container).install();
  const search = byRole<HTMLFormElement>('search');
  const results = byRole('search-results');
  if (search && results) new HomeSearch(search, results).install();
}

// The printed sheet's button needs the script (no inline handlers under the CSP); without it the
// browser's own print command does the same.
if (page === 'area-print') {
  const print = byRole<HTMLButtonElement>('print');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', () => window.print());
  }
}

if (page === 'service') {
  const form = byRole<HTMLFormElement>('problem-report');
  if (form) new ProblemReport(form).install();
}

const offline = document.getElementById('offline-control');
if (offline)
  void new OfflineControl(offline)
    .install()
    .catch((error: unknown) => console.warn('offline control unavailable', error));
