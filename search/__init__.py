"""Public search over promises, people, bodies, settlements, cities, events, sources and news.

Engine: OpenSearch 3.8 (any 2.x/3.x cluster in production) through opensearch-py 3.2's DSL; only
search.engine talks to it. Without OPENSEARCH_URL, or while the node is down or slow, the same
page is answered from the database (search.database), with the same filters and counts.

Modules: names (search's keys over core.folding), vocabularies (the named records facets refer
to), records (the record type registry) and record_types (the site's own types), facets (each
facet declared once), documents (what a record looks like in the index), query (request
parameters → SearchQuery), engine (OpenSearch: analyzers, mappings, queries, writes, rebuilds),
database (the fallback), service (chooses the backend, makes results showable), indexing and
signals (keeping the index true after commit, the failure queue), views.

Wagtail's admin search keeps Wagtail's database backend (WAGTAILSEARCH_BACKENDS is unchanged),
on purpose: the admin must keep working when the node is down or not installed (editors fix
records exactly when something is wrong); the admin searches drafts and every page type, which
the public index deliberately leaves out; and a second engine-backed index (Wagtail's own
opensearch3 backend) would double the indexing work and the mappings to keep in step for little
gain at the admin's scale of a few thousand pages. Our own index powers the public search only.
"""
