"""The fixed skeleton of the public site: home page and the index pages under it."""

from django.db import transaction
from django.utils.translation import gettext_noop as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from actors.models import ActorIndexPage
from promises.models import PromiseIndexPage
from sources.models import SourceIndexPage

from .locales import ensure_locales
from .models import HomePage, StandardPage

METHODOLOGY = """
<p>Ubada records promises that officials and public bodies made to residents of informal
settlements (novostroyki) in Bishkek, Osh, Almaty and Astana, and follows what happened next.</p>
<h2>What counts as a promise</h2>
<p>A promise is a public commitment by an identifiable person or body to do something for
identifiable people: a settlement, or a group such as those on a city's land waiting list. It
must be reported by a source we can cite. Vague statements of sympathy are not promises; a
commitment to supply electricity, allocate land, legalise plots or refrain from evictions is.</p>
<h2>How evidence is weighed</h2>
<p>Every status change cites at least one source. Primary evidence (court rulings, official
documents, our own observation) outweighs secondary reports; a news item counts once however
many outlets repeat it. When sources conflict we say so in the rationale and prefer the most
recent first-hand account. Deadlines are the promisor's own; where only a phrase such as
"within a year" was used, the deadline is derived from the last day the promise could have been
made, and marked as derived.</p>
<h2>Corrections</h2>
<p>The status history is append-only. A mistake is corrected by a new, visible entry that says
what it corrects; nothing is edited away.</p>
"""


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _create_root():
    """Wagtail's migrations make the root page; a flushed test database has none."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("en"))
    return Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))


@transaction.atomic
def ensure_site_tree():
    """Create the locales, the home page and index pages if missing; return the (English) home
    page. Idempotent."""
    root = Page.get_first_root_node() or _create_root()
    ensure_locales()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        home = HomePage(title="Ubada", slug="home-ubada")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name="Ubada")
    elif site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Ubada"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            # Wagtail's "Welcome" placeholder, with any copies of it in other locales
            for placeholder in [*old_root.get_translations(), old_root]:
                placeholder.delete()
    # Titles are stored in English (gettext_noop), whatever language is active: the templates
    # translate them when they show them.
    _child(home, PromiseIndexPage, "promises", title=_("Promises"))
    _child(home, ActorIndexPage, "people", title=_("People"))
    _child(home, ActorIndexPage, "bodies", title=_("Bodies"))
    _child(home, StandardPage, "methodology", title=_("Methodology"), body=METHODOLOGY,
           show_status_scale=True)
    _child(home, SourceIndexPage, "sources", title=_("Sources"))
    return home
