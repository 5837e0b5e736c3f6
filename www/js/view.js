// What is shown: the filters sent to ECS, the sort and the quick search, kept in the URL with
// the region so a view can be bookmarked and shared (credentials never go there).
import { emptyFilters, filtersFromQuery, sortFromQuery, viewToQuery } from "./filters.js";

export class View {
  filters = emptyFilters();
  sort = null;
  q = "";

  /** regionOf(): the region to put in the URL. */
  constructor(regionOf) {
    this.regionOf = regionOf;
  }

  /** Writes the view to the URL: a new history entry when `push`, else in place. */
  syncUrl(push) {
    const query = viewToQuery({
      regionId: this.regionOf(),
      filters: this.filters,
      sort: this.sort,
      q: this.q,
    }).toString();
    const url = `${location.pathname}${query ? `?${query}` : ""}`;
    if (url === `${location.pathname}${location.search}`) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  /** Reads the view from a URL query; returns { warnings, region }. */
  readUrl(search) {
    const { filters, warnings } = filtersFromQuery(search);
    this.filters = filters;
    this.sort = sortFromQuery(search);
    const params = new URLSearchParams(search);
    this.q = params.get("q") ?? "";
    return { warnings, region: params.get("region") };
  }
}
