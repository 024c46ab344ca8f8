"""Helpers to walk the journey in a real browser, by role and label as a child would."""

from __future__ import annotations

from playwright.sync_api import Page

QUESTION_HEADINGS = {
    "danger": "Ben je nu in gevaar",
    "topics": "Waar gaat het over?",
    "age": "Hoe oud ben je?",
    "contact": "Hoe wil je het liefst contact?",
    "goal": "Wat wil je het liefst?",
}


def wait_for_heading(page: Page, text: str) -> None:
    page.get_by_role("heading", level=1).filter(has_text=text).wait_for()


def answer_all(page: Page, topics: list[str], age: str, contact: str, goal: str) -> None:
    """From the start page: answer every question by tapping (danger: no)."""
    page.get_by_role("link", name="Begin", exact=True).first.click()
    wait_for_heading(page, QUESTION_HEADINGS["danger"])
    page.get_by_role("button", name="Nee", exact=True).click()
    wait_for_heading(page, QUESTION_HEADINGS["topics"])
    for label in topics:
        page.get_by_label(label).check()
    page.get_by_role("button", name="Verder").click()
    wait_for_heading(page, QUESTION_HEADINGS["age"])
    page.get_by_role("button", name=age).click()
    wait_for_heading(page, QUESTION_HEADINGS["contact"])
    page.get_by_role("button", name=contact).click()
    wait_for_heading(page, QUESTION_HEADINGS["goal"])
    page.get_by_role("button", name=goal).click()
    wait_for_heading(page, "Hier kun je terecht")


def shown_services(page: Page) -> list[str]:
    return page.locator("[data-service]").evaluate_all("cards => cards.map(c => c.dataset.service)")
