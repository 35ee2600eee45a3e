"""Names vulture cannot see used: read by templates, the admin, the search engine or libraries.

vulture (`make lint`) reads this file with the code. Add a name here only when something outside
Python uses it; say what.
"""

# Model fields and methods shown by templates or edited in the admin only
intro  # unused variable (actors/models.py:41)
summary_source  # unused variable (actors/models.py:69)
_.roles_over_time  # unused method (actors/models.py:107)
note  # unused variable (actors/models.py:190)
summary_source  # unused variable (places/models.py:38)
founded  # unused variable (places/models.py:156)
founded_source  # unused variable (places/models.py:157)
location_source  # unused variable (places/models.py): edited in the admin, shown by the template
_.current_legal_status  # unused method (places/models.py:227)
_.current_services  # unused method (places/models.py:236)
note  # unused variable (places/models.py:252)
intro  # unused variable (promises/models.py:83)
quote_kind  # unused variable (promises/models.py:104)
beneficiary_group  # unused variable (promises/models.py:127)
home_page  # unused variable (scrapers/models.py:87)
raw_size  # unused variable (scrapers/models.py:294)
last_seen_at  # unused variable (scrapers/models.py:362)
created_at  # unused variable (scrapers/models.py:412)
intro  # unused variable (sources/models.py:119)
intro  # unused variable (website/models.py:15)
_.site_name  # unused attribute (website/site_tree.py:67)
removed_at  # unused variable (core/models.py:47): the admin's court-ordered removals report
seen_at  # unused variable (core/models.py): read through filters (seen_at__lt) in core.workers
where_said  # unused variable (promises/models.py): edited in the admin, shown by the template
_.valid_value  # unused method (promises/listing.py): Django's ChoiceField.validate calls it
_.cited_sources  # unused attribute (promises/rows.py): a dossier's sources, promise_row.html
_.cache_key  # unused method (places/display.py): the {% cache %} key of templates/places/
_.status_timeline  # unused method (promises/models.py): the promise page's status history
# Wagtail's ChooserViewSet options (sources/views.py): the source chooser's "New source" tab
form_fields  # unused variable (sources/views.py)
creation_tab_label  # unused variable (sources/views.py)
create_action_label  # unused variable (sources/views.py)
chooser_viewset_class  # unused variable (sources/views.py): read by Wagtail's SnippetViewSet
choose_view_class  # unused variable (core/choosers.py): read by Wagtail's ChooserViewSet
choose_results_view_class  # unused variable (core/choosers.py): read by Wagtail's ChooserViewSet

# Search: engine document fields (filled by copy_to or read by the engine), result fields
# read by templates/search/search.html, indexing failure times shown in the admin report
names_latin  # unused variable (search/documents.py:54)
context_latin  # unused variable (search/documents.py:59)
context_keys  # unused variable (search/documents.py:60)
link_page  # unused variable (search/documents.py:67)
names_latin  # unused variable (search/engine.py:99)
context_latin  # unused variable (search/engine.py:105)
context_keys  # unused variable (search/engine.py:106)
spell  # unused variable (search/engine.py:107)
link_page  # unused variable (search/engine.py:114)
first_failed_at  # unused variable (search/models.py:19)
last_failed_at  # unused variable (search/models.py:20)
hidden  # unused variable (search/service.py:63)
title_html  # unused variable (search/service.py:76)
status_label  # unused variable (search/service.py:81)
notice  # unused variable (search/service.py:96)
_.news_hidden  # unused attribute (tests/search/world.py:78)

# requests/urllib3 attributes set to configure the fetcher's connections
ConnectionCls  # unused variable (scrapers/fetching/http.py:240)
ConnectionCls  # unused variable (scrapers/fetching/http.py:244)
_.pool_classes_by_scheme  # unused attribute (scrapers/fetching/http.py:250)
_.trust_env  # unused attribute (scrapers/fetching/http.py:259)
_.verify  # unused attribute (scrapers/fetching/http.py:260)

# Scraper state written for editors (admin) and the next run
_.last_seen_at  # unused attribute (scrapers/pipeline/fetch.py:133)
_.last_seen_at  # unused attribute (scrapers/pipeline/store.py:61)

# Test worlds: records made for their presence (a news item that must stay hidden)
_.news_hidden  # unused attribute (tests/search/world.py:78)

# Named by dotted path in settings, called by django-ratelimit and django-axes
client_ip  # unused function (core/limits.py)

# Wagtail's permission-policy API, called by the admin views (website/wagtail_hooks.py)
_.user_has_any_permission  # unused method (website/wagtail_hooks.py:48)

# Wagtail's page viewset, report view, form view and log formatter options, read by Wagtail
# (promises/admin_views.py, promises/wagtail_hooks.py)
workflow_action_view_class  # unused variable (promises/admin_views.py)
index_url_name  # unused variable (promises/admin_views.py)
index_results_url_name  # unused variable (promises/admin_views.py)
list_export  # unused variable (promises/admin_views.py)
export_headings  # unused variable (promises/admin_views.py)
decorate_paginated_queryset  # unused method (promises/admin_views.py)
_.attention_text  # unused attribute (promises/admin_views.py): a report column
get_page_title  # unused method (promises/admin_views.py)
form_valid  # unused method (promises/admin_views.py)
format_message  # unused method (promises/wagtail_hooks.py)
# Wagtail's log formatter API, called by the page history (core/tombstones.py)
_.format_message  # unused method (core/tombstones.py)
# Read by templates/core/tombstone.html
removed  # unused variable (core/tombstones.py)
# Read by templates/promises/corrections.html
status_change  # unused variable (promises/corrections.py)

# Django's sitemap framework reads these options and calls these methods (website/sitemaps.py)
i18n  # unused variable (website/sitemaps.py)
alternates  # unused variable (website/sitemaps.py)
x_default  # unused variable (website/sitemaps.py)
_.get_protocol  # unused method (website/sitemaps.py)
_.get_domain  # unused method (website/sitemaps.py)
# Read by templates/wagtailadmin/pages/confirm_unpublish.html
asks_retraction_reason  # unused variable (core/tombstones.py)
# Django's syndication framework reads these off a Feed (following/feeds.py)
feed_type  # unused variable (following/feeds.py)
author_name  # unused variable (following/feeds.py)
item_guid_is_permalink  # unused variable (following/feeds.py)
_.get_object  # unused method (following/feeds.py)
_.subtitle  # unused method (following/feeds.py)
_.feed_url  # unused method (following/feeds.py)
_.item_title  # unused method (following/feeds.py)
_.item_description  # unused method (following/feeds.py)
_.item_link  # unused method (following/feeds.py)
_.item_guid  # unused method (following/feeds.py)
_.item_updateddate  # unused method (following/feeds.py)
_.item_pubdate  # unused method (following/feeds.py)
app_name  # unused variable (following/urls.py): the URL namespace Django reads

# aiosmtpd calls its handler's hooks (tests/following/conftest.py)
_.handle_DATA  # unused method (tests/following/conftest.py)
# API response fields: pydantic reads them to describe the answers in the OpenAPI description
previous  # unused variable (api/schemas.py:36)
election_id  # unused variable (api/schemas.py:59)
last_published_at  # unused variable (api/schemas.py:62)
promise_url  # unused variable (api/schemas.py:68)
to_status  # unused variable (api/schemas.py:71)
source_ids  # unused variable (api/schemas.py:73)
event_ids  # unused variable (api/schemas.py:80)
source_url  # unused variable (api/schemas.py:154)
settlement_ids  # unused variable (api/schemas.py:166)
person_ids  # unused variable (api/schemas.py:167)
body_ids  # unused variable (api/schemas.py:168)
source_ids  # unused variable (api/schemas.py:169)
source_url  # unused variable (api/schemas.py:177)

# The API benchmark: gunicorn calls the application factory, Django reads urlpatterns
served_app  # unused function (bench/api_bench.py:57)
__getattr__  # unused function (bench/api_bench.py:68)
# Read by Django's forms, and named by dotted path in settings (FORM_RENDERER,
# WAGTAILADMIN_RICH_TEXT_EDITORS): core/forms.py
default_error_messages  # unused variable (core/forms.py)
FormRenderer  # unused class (core/forms.py)
bound_field_class  # unused variable (core/forms.py)
RichTextArea  # unused class (core/forms.py)
checks  # unused variable (ubada/health.py: HealthView.checks, read by django-health-check)
# The search document's text per translated language (search/documents.py, search/engine.py):
# filled and read by language code
ru  # unused variable (search/documents.py, search/engine.py)
# Django's and Wagtail's own caches, filled in by core.localized and core.views
_._result_cache  # a prefetched queryset's rows, shown in the reader's language (core/localized.py)
_._prefetch_done  # (core/localized.py)
_._wagtail_route_for_request  # the route Wagtail's serve view uses (core/views.py)
regex  # unused variable (core/params.py: RecordIdConverter, read by Django's URL resolver)
to_url  # unused method (core/params.py: RecordIdConverter, called by reverse())
