"""config.yaml validated once into typed settings; unknown keys are errors naming the key path."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from extract import safeyaml, validation
from extract.encoding import decode
from extract.errors import InputError, Problem


@dataclass(frozen=True)
class SiteConfig:
    """What the site looks like and where it lives."""

    title: str = "Recoupe"
    language: str = "fr"
    base_url: str | None = None
    full_text: bool = True  # False publishes only claim sentences with a link to the original
    description: str = ""


@dataclass(frozen=True)
class ExtractConfig:
    """Which pipeline extracts claims."""

    model: str = "fr_core_news_sm"
    default_lang: str = "fr"


@dataclass(frozen=True)
class Config:
    """All settings, with the project root they were read from."""

    root: Path
    site: SiteConfig = SiteConfig()
    extract: ExtractConfig = ExtractConfig()

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


_SECTIONS: dict[str, type] = {"site": SiteConfig, "extract": ExtractConfig}
_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,), "language": (str,), "base_url": (str, type(None)), "full_text": (bool,),
    "description": (str,), "model": (str,), "default_lang": (str,),
}
LANGUAGES = ("fr", "en")


Where = dict[tuple[Any, ...], tuple[int, int]]


def _problem(path: str, message: str, key: tuple[Any, ...], where: Where) -> Problem:
    """A problem at the line and column of the key it is about (none for the command line)."""
    if not where:
        return Problem(path, message)
    line, col = validation.locate(key, where)
    return Problem(path, message, line, col)


def _section(name: str, raw: Any, path: str, problems: list[Problem], where: Where | None = None) -> Any:
    cls = _SECTIONS[name]
    where = where or {}
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        problems.append(_problem(path, f"'{name}' must be a mapping (expected key: value lines)", (name,), where))
        return cls()
    values = {}
    for key, value in raw.items():
        if key not in cls.__dataclass_fields__:
            known = ", ".join(cls.__dataclass_fields__)
            problems.append(_problem(path, f"unknown key '{name}.{key}' (expected one of: {known})", (name, key),
                                     where))
            continue
        if not isinstance(value, _TYPES[key]):
            expected = " or ".join(t.__name__ for t in _TYPES[key])
            problems.append(_problem(path, f"'{name}.{key}' is {value!r} (expected {expected})", (name, key),
                                     where))
            continue
        values[key] = value
    if name == "site" and values.get("language", "fr") not in LANGUAGES:
        problems.append(_problem(path, f"'site.language' is {values['language']!r} (expected fr or en)",
                                 (name, "language"), where))
        values.pop("language")
    if name == "site" and values.get("base_url"):
        url = values["base_url"]
        if not url.startswith(("https://", "http://")):
            problems.append(_problem(path, f"'site.base_url' is {url!r} (expected an http(s) URL)",
                                     (name, "base_url"), where))
            values.pop("base_url")
        else:
            values["base_url"] = url.rstrip("/") + "/"
    return cls(**values)


def load(root: Path, base_url: str | None = None) -> Config:
    """Read config.yaml at the project root (absent means defaults); `base_url` overrides the file's."""
    config = _load(root)
    if base_url is None:
        return config
    problems: list[Problem] = []
    site = _section("site", {**asdict(config.site), "base_url": base_url}, "--base-url", problems)
    if problems:
        raise InputError(problems)
    return replace(config, site=site)


def _load(root: Path) -> Config:
    path = root / "config.yaml"
    if not path.exists():
        return Config(root=root)
    raw = safeyaml.read(str(path), "config.yaml") or {}
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise InputError([Problem("config.yaml", "must be a mapping (expected site: and extract: sections)", 1)])
    where = validation.positions(decode(path.read_bytes(), "config.yaml").replace("\r\n", "\n"))
    for key in raw:
        if key not in _SECTIONS:
            problems.append(_problem("config.yaml", f"unknown key '{key}' (expected one of: site, extract)", (key,),
                                     where))
    site = _section("site", raw.get("site"), "config.yaml", problems, where)
    extract = _section("extract", raw.get("extract"), "config.yaml", problems, where)
    if problems:
        raise InputError(problems)
    return Config(root=root, site=site, extract=extract)
