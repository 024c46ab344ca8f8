"""Drive the journey the way a browser without JavaScript does: read the form, press a button.

It posts exactly what the HTML form would post (hidden fields, ticked checkboxes, the pressed
button's name and value), so the tests prove that the pages themselves carry the protocol.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from bs4 import BeautifulSoup


def submit(client: Any, html: str, button: tuple[str, str], ticks: tuple[str, ...] = ()) -> Any:
    """Press the submit button (name, value) of the page's journey form, with checkboxes ticked."""
    soup = BeautifulSoup(html, "html5lib")
    for form in soup.find_all("form"):
        buttons = form.find_all("button", attrs={"name": button[0], "value": button[1]})
        if buttons:
            break
    else:
        raise AssertionError(f"no button {button} on the page")
    data: list[tuple[str, str]] = [
        (i["name"], i.get("value", "")) for i in form.find_all("input", attrs={"type": "hidden"})
    ]
    for box in form.find_all("input", attrs={"type": "checkbox"}):
        if box["value"] in ticks:
            data.append((box["name"], box["value"]))
    data.append(button)
    return client.post(
        form["action"],
        content=urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def services(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html5lib")
    return [card["data-service"] for card in soup.select("[data-service]")]


def heading(html: str) -> str:
    soup = BeautifulSoup(html, "html5lib")
    h1 = soup.find("h1")
    return h1.get_text(strip=True) if h1 else ""


def walk(client: Any, answers: dict[str, Any], start: str = "/nl/stap") -> Any:
    """Answer every question through the forms; None skips. Returns the last response."""
    response = client.get(start)
    for question in ("danger", "topics", "age", "contact", "goal"):
        value = answers.get(question)
        if question == "danger" and value == "yes":
            response = submit(client, response.text, ("danger", "yes"))
            assert response.status_code == 200
            response = submit(
                client, response.text, ("nav", "next")
            )  # continue after the emergency page
            continue
        if value is None or value == []:
            response = submit(client, response.text, ("nav", "skip"))
        elif question == "topics":
            response = submit(client, response.text, ("nav", "next"), ticks=tuple(value))
        else:
            response = submit(client, response.text, (question, value))
        assert response.status_code == 200, response.text
    return response


def notices(html: str) -> list[dict[str, Any]]:
    """Each notice box: its id, its text and its links, in page order."""
    soup = BeautifulSoup(html, "html5lib")
    found = []
    for box in soup.select("[data-notice]"):
        assert box.get("data-service") is None  # a notice is never an option
        found.append(
            {
                "id": box["data-notice"],
                "text": box.get_text(" ", strip=True),
                "links": [a["href"] for a in box.find_all("a")],
            }
        )
    return found


def before_the_options(html: str) -> bool:
    """Every notice comes before the first option card."""
    soup = BeautifulSoup(html, "html5lib")
    marks = [
        el
        for el in soup.find_all(True)
        if el.has_attr("data-notice") or el.has_attr("data-service")
    ]
    kinds = ["notice" if el.has_attr("data-notice") else "option" for el in marks]
    return kinds == sorted(kinds, key=lambda k: k == "option")
