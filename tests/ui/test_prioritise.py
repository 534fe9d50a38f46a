"""The prioritise step (F3): marking ★, ordering, the preparation's order, opening an advice."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tests.ui.helpers import (
    find_line,
    make_app,
    meeting_file,
    notices,
    press,
    read_toml,
    running,
    screen_text,
    status,
)


def starred(app: App[object]) -> list[int]:
    """The numbers of the advice marked ★, in the order shown."""
    lines = [line.strip("│ ") for line in screen_text(app).splitlines()]
    return [
        int(line.rsplit("│ ", 1)[1].split(".")[0])
        for line in lines
        if line.startswith("★") and "│" in line
    ]


async def test_space_marks_and_unmarks_an_advice(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f3")
        assert find_line(app, "Vigtigst") == "★ Vigtigst (2 markeret – denne rækkefølge gemmes)"
        assert starred(app) == [1, 4]
        assert (
            find_line(app, "│ 9.")
            == "1 ███████▎      3 │ 9. Vær opmærksom på “det usynlige arbejde”"
        )
        await press(pilot, "down", "down", "space")  # the first of the rest: advice 9
        assert find_line(app, "Vigtigst") == "★ Vigtigst (3 markeret – denne rækkefølge gemmes)"
        assert starred(app) == [1, 4, 9]
        assert find_line(app, "│ 9.") == (
            "★  3. ███████▎      3 │ 9. Vær opmærksom på “det usynlige arbejde”"
        )
        await press(pilot, "p")  # no preparation: nothing to adopt
        assert starred(app) == [1, 4, 9]
        await press(pilot, "up", "space")  # unmark advice 4
        assert starred(app) == [1, 9]
        await press(pilot, "ctrl+s")
    assert read_toml(path)["priorities"]["order"] == ["konsekvenser", "usynligt"]


async def test_shift_arrows_reorder_the_marked_advice(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f3", "down", "shift+up")
        assert starred(app) == [4, 1]
        await press(pilot, "shift+up")  # already at the top: nothing moves
        assert starred(app) == [4, 1]
        await press(pilot, "shift+down")
        assert starred(app) == [1, 4]
        await press(pilot, "plus", "minus")  # a typed + or − never moves anything
        assert starred(app) == [1, 4]
        await press(pilot, "ctrl+up")  # where shift+arrows do not reach the app
        assert starred(app) == [4, 1]
        await press(pilot, "down", "down", "shift+up")  # an unmarked advice cannot move
        assert notices(app) == ["Markér rådet som vigtigst (mellemrum) før du flytter det."]
        await press(pilot, "ctrl+s")
    assert read_toml(path)["priorities"]["order"] == ["tidligt", "konsekvenser"]


async def test_ctrl_f_adopts_the_order_from_the_preparation(tmp_path: Path) -> None:
    path = meeting_file(tmp_path, inputs=True)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f3")
        assert find_line(app, "│ 4.") == (
            "★  2. ███████▎      3 │ ████████  19p │ 4. Inddrag medarbejderne så tidligt som muligt"
        )
        await press(pilot, "p")  # a typed letter changes nothing
        assert starred(app) == [1, 4]
        await press(pilot, "ctrl+f")
        assert starred(app) == [4, 9, 1, 2]  # by Borda points: 19, 10, 9, 8
        assert notices(app) == [
            "Rækkefølgen fra forberedelsen er taget i brug – ret den til, som I vil."
        ]
        await press(pilot, "ctrl+z")  # adopting can be undone
        assert starred(app) == [1, 4]
        assert notices(app)[-1] == "Fortrudt."
        await press(pilot, "ctrl+f")
        assert starred(app) == [4, 9, 1, 2]
        await press(pilot, "ctrl+s")
    order = read_toml(path)["priorities"]["order"]
    assert order == ["tidligt", "usynligt", "konsekvenser", "rammer"]


async def test_enter_opens_the_advice_under_the_cursor_and_never_marks(
    tmp_path: Path,
) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f3", "down", "enter")
        assert find_line(app, "Råd 4 af 10").startswith("Råd 4 af 10")
        assert find_line(app, "▶") == "▶ F2 Råd  · F3 Prioritér · F4 Roller · F5 Referat"
        await press(pilot, "f3")
        assert starred(app) == [1, 4]  # Enter did not toggle the mark
        await press(pilot, "down", "o")  # a typed letter opens nothing
        assert app.screen.id == "prioritise"
        await press(pilot, "enter")  # the cursor stayed on 4; below it: advice 9
        assert find_line(app, "Råd 9 af 10").startswith("Råd 9 af 10")
        await press(pilot, "f3")
        assert starred(app) == [1, 4]
        assert status(app)[1] == "✓ alt er gemt"
    assert read_toml(path)["priorities"]["order"] == ["konsekvenser", "tidligt"]


async def test_the_prioritise_step_speaks_english(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, "en"))
    async with running(app) as pilot:
        await press(pilot, "f3")
        assert find_line(app, "matter most") == "Which matter most to you?"
        assert starred(app) == [1, 4]
