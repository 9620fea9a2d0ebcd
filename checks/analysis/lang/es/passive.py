"""Spanish passive voice that hides who acts: "fue realizado", "son administrados",
"ha sido tratada", and the reflexive passive "se realiza", "se recomienda", "se deben tomar".

A "por" agent after the participle ("fue operado por la Dra. Ruiz") names who acts, so it is
not flagged. Stative uses with ``estar`` ("está cansado") are not passives and are not
matched.
"""

from __future__ import annotations

import re

_SER = (
    r"(?:es|son|fue|fueron|era|eran|será|serán|sería|serían|sea|sean|fuera|fueran|"
    r"(?:ha|han|había|habían|habrá|habrán|haya|hayan)\s+sido|ser|siendo|sido)"
)
_PARTICIPLE = r"[a-záéíóúñ]+(?:ad|id)[oa]s?"
_NOT_PARTICIPLE = frozenset({
    "nada", "todo", "toda", "todos", "todas", "cada", "vida", "comida", "medida", "medidas",
    "salida", "bebida", "bebidas", "herida", "heridas", "cantidad", "lado", "estado", "grado",
    "cuidado", "cuidados", "mitad", "edad", "verdad", "unidad", "partida", "pasado", "mercado",
    "helado", "pescado", "sentido", "ruido", "vestido", "nido", "olvido", "apellido",
    "importado", "adecuado", "adecuada", "rápido", "rápida", "válido", "válida", "tímido",
})  # fmt: skip
SER_PASSIVE = re.compile(rf"\b{_SER}\s+(?:muy\s+|bien\s+|mal\s+)?({_PARTICIPLE})\b", re.I)
SE_PASSIVE = re.compile(
    r"\bse\s+(?:(?:debe|deben|puede|pueden|suele|suelen)\s+)?"
    r"(realiza|realizan|realizar|recomienda|recomiendan|administra|administran|administrar|"
    r"aconseja|aconsejan|indica|indican|indicar|prescribe|prescriben|prescribir|utiliza|"
    r"utilizan|utilizar|usa|usan|usar|debe|evalúa|evalúan|evaluar|considera|consideran|"
    r"efectúa|efectúan|efectuar|obtiene|obtienen|observa|observan|requiere|requieren|"
    r"aplica|aplican|aplicar|toma|toman|tomar|hace|hacen|hacer|sugiere|sugieren|valora|"
    r"valoran|valorar|emplea|emplean|emplear|lleva a cabo|llevan a cabo|llevar a cabo)\b",
    re.I,
)


def passive_spans(text: str) -> list[tuple[int, int]]:
    """Spans of passive constructions in ``text`` that do not name the agent."""
    out = []
    for m in SER_PASSIVE.finditer(text):
        if m.group(1).lower() in _NOT_PARTICIPLE:
            continue
        if re.match(r"\s+por\s", text[m.end() :]):
            continue
        out.append(m.span())
    out.extend(m.span() for m in SE_PASSIVE.finditer(text))
    return sorted(out)


def is_passive(sentence) -> bool:
    return bool(passive_spans(sentence.clean))
