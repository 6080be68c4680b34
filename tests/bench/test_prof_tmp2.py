import time
from tests.bench.test_bench_reader import project_path  # noqa

def test_q(project_path):
    from desktop.services.project import Project
    from desktop.storage.highlight_listing import HighlightListing, HighlightFilter
    with Project.open(project_path) as p:
        aid = next(a.id for a in p.store.articles.summaries() if a.title == "Annotated article")
        hl = HighlightListing(p.store)
        ids = hl.ids(HighlightFilter(article_id=aid))
        for _ in range(3):
            t = time.perf_counter(); hl.by_ids(ids[:200]); print("by_ids 200", (time.perf_counter()-t)*1000)
        t = time.perf_counter(); hl.by_ids(ids[:20]); print("by_ids 20", (time.perf_counter()-t)*1000)
