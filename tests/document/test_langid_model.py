"""The unpacked, memory-mapped language model scores exactly as py3langid's own loader."""

from __future__ import annotations

import pytest

from plainprint.pipeline.i18n import langid_model

TEXTS = [
    "Melanoma is a skin cancer. Wear a hat and use sunscreen when you go out in the sun.",
    "El melanoma es un cáncer de piel. Use sombrero y protector solar cuando salga al sol.",
    "Das Melanom ist ein Hautkrebs. Tragen Sie einen Hut und Sonnencreme in der Sonne.",
    "Le mélanome est un cancer de la peau. Portez un chapeau et de la crème solaire.",
    "黑色素瘤是一种皮肤癌。外出时请戴帽子并使用防晒霜。",
    "12 34",
    "",
]


@pytest.fixture(scope="module")
def reference():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("share")
    first = langid_model.identifier(root)
    folder = langid_model.unpacked_dir(langid_model.model_path(), root)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{n}.npy" for n in langid_model.ARRAYS
    )
    return first, langid_model.identifier(root)  # the second maps what the first wrote


@pytest.mark.parametrize("text", TEXTS)
def test_scores_are_bit_for_bit_py3langid_s(reference, unpacked, text):
    for identifier in unpacked:
        assert identifier.classify(text) == reference.classify(text)
        assert identifier.rank(text) == reference.rank(text)


def test_an_unwritable_environment_falls_back_to_py3langid_s_loader(tmp_path, reference):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    identifier = langid_model.identifier(blocker / "share")  # mkdir under a file: OSError
    assert identifier.classify(TEXTS[1]) == reference.classify(TEXTS[1])
    assert not (blocker / "share").exists()
