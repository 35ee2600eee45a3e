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
where_said  # unused variable (promises/models.py): edited in the admin, shown by the template
# Wagtail's ChooserViewSet options (sources/views.py): the source chooser's "New source" tab
form_fields  # unused variable (sources/views.py)
creation_tab_label  # unused variable (sources/views.py)
create_action_label  # unused variable (sources/views.py)
chooser_viewset_class  # unused variable (sources/views.py): read by Wagtail's SnippetViewSet

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
