"""Coordinators manage the campaign's content in the chat: every story and opportunity, drafts
too, previewed as young people read it, published (subscribers are told) or taken down."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, call, goto, say, stay
from dialogs.flows import drafts
from dialogs.flows.common import back_button, language_list
from dialogs.ports import ContentItem
from dialogs.replies import Button, Reply, rows

FLOW = "content"


def open_content(ctx: Context, action: str = "") -> Transition:
    return call(FLOW, "list")


def _label(ctx: Context, item: ContentItem) -> str:
    if item.kind == "story":
        label = ctx._("🎬 {title}") if item.published else ctx._("🎬 (draft) {title}")
    else:
        label = ctx._("🌟 {title}") if item.published else ctx._("🌟 (draft) {title}")
    return label.format(title=item.title)


async def list_screen(ctx: Context) -> Reply:
    items = await ctx.campaign.content()
    if items is None:
        return Reply(ctx._("This is for coordinators only."), buttons=((back_button(ctx),),))
    text = ctx._(
        "The campaign's stories and opportunities, drafts too. Pick one to see it as young "
        "people do, and to publish it or take it down. To make a story, send me its video at "
        "any time, or press ➕. Many at once come from a content file (python -m bot.cli "
        "content import)."
    )
    # Titles run long: listed in the text, each picked by its number.
    line = ctx._("{number}. {item}")
    lines = [line.format(number=n, item=_label(ctx, item)) for n, item in enumerate(items, 1)]
    numbers = [
        Button(str(number), action=f"opt:c:{item.kind[0]}{item.id}")
        for number, item in enumerate(items, 1)
    ]
    make = (
        Button(ctx._("➕ New story"), action="content:new_story"),
        Button(
            ctx._("➕ New opportunity"),
            action="content:new_opportunity",
            short=ctx._("➕ Opportunity"),
        ),
    )
    return Reply(
        "\n\n".join((text, "\n".join(lines))),
        buttons=(*rows(*numbers, per_row=5), make, (back_button(ctx),)),
    )


async def on_list(ctx: Context, action: str) -> Transition | None:
    if action == "content:new_story":
        return drafts.new_story(ctx)
    if action == "content:new_opportunity":
        return drafts.new_opportunity(ctx)
    code = action.removeprefix("opt:c:")
    if not action.startswith("opt:c:") or code[:1] not in ("s", "o") or not code[1:].isdigit():
        return None
    ctx.data["kind"] = "story" if code[0] == "s" else "opportunity"
    ctx.data["item"] = int(code[1:])
    return goto(FLOW, "item")


async def _current(ctx: Context) -> ContentItem | None:
    items = await ctx.campaign.content() or []
    kind, number = ctx.data.get("kind"), ctx.data.get("item")
    return next((i for i in items if i.kind == kind and i.id == number), None)


async def item_screen(ctx: Context) -> Reply:
    item = await _current(ctx)
    if item is None:
        return Reply(ctx._("This item is gone."), buttons=((back_button(ctx),),))
    status = ctx._("✅ Published") if item.published else ctx._("📝 Draft: nobody sees it yet")
    languages = ctx._("Written in: {languages}").format(
        languages=language_list(ctx.t, item.languages)
    )
    parts = [item.title, item.text, "\n".join((status, languages))]
    if item.published:
        toggle = Button(ctx._("⏸ Take it down"), action="content:unpublish")
    else:
        toggle = Button(ctx._("🚀 Publish"), action="content:publish")
    back = Button(ctx._("⬅️ Back"), action="content:list")
    return Reply("\n\n".join(part for part in parts if part), buttons=((toggle,), (back,)))


async def on_item(ctx: Context, action: str) -> Transition | None:
    if action == "content:list":
        return goto(FLOW, "list")
    item = await _current(ctx)
    if item is None or action not in ("content:publish", "content:unpublish"):
        return None
    publish = action == "content:publish"
    if not await ctx.campaign.set_published(item.kind, item.id, publish):
        return None
    if publish:
        return stay(say("Published. People who asked for news of it are being told."))
    return stay(say("Taken down: young people no longer see it."))


flow = Flow.of(
    FLOW,
    Step("list", list_screen, on_action=on_list),
    Step("item", item_screen, on_action=on_item),
)
