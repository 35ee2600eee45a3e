from django.shortcuts import get_object_or_404, render

from .models import Source


def source_detail(request, pk):
    """A source with every public record that cites it."""
    source = get_object_or_404(Source.objects.select_related("part_of"), pk=pk)
    return render(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "passages": source.passages.all(),
            "promises": source.reported_promises.live().order_by("made"),
            "status_changes": source.status_changes.filter(promise__live=True)
            .select_related("promise")
            .order_by("date"),
            "events": source.events.all(),
        },
    )
