from vrdndi.features.video import CATEGORY_IDS, CATEGORY_NAMES, N_CATEGORIES, category_index, duration_z, video_text
from vrdndi.store.schema import Video


def test_text_says_the_kind_before_the_description():
    video = Video("abc", title="Rust lifetimes explained", channel_title="Let's Get Rusty", category_id="27",
                  tags=["rust", "  borrow   checker "], description="In this video\n we look at lifetimes.")
    assert video_text(video) == ("Rust lifetimes explained | Let's Get Rusty | Education | rust, borrow checker | "
                                 "In this video we look at lifetimes.")


def test_unknown_category_and_empty_parts_are_left_out():
    assert video_text(Video("abc", title="A title", category_id="999", tags=["", " "])) == "A title"
    assert video_text(Video("abc", category_id=20)) == "Gaming"  # an int id from a hand-made record
    assert video_text(Video("abc")) == "abc"


def test_only_the_first_tags_are_kept():
    video = Video("abc", title="t", tags=[f"tag{i}" for i in range(30)])
    assert video_text(video, max_tags=3) == "t | tag0, tag1, tag2"
    assert video_text(video).count("tag") == 8


def test_category_names_are_youtubes():
    assert CATEGORY_NAMES["10"] == "Music" and CATEGORY_NAMES["28"] == "Science & Technology"
    assert all(key.isdigit() for key in CATEGORY_NAMES)


def test_category_index_is_a_fixed_position_in_youtubes_list():
    assert category_index(Video("a", category_id="1")) == 1  # Film & Animation, the first
    assert category_index(Video("a", category_id=" 20 ")) == CATEGORY_IDS.index("20") + 1
    assert category_index(Video("a", category_id=20)) == category_index(Video("b", category_id="20"))
    assert category_index(Video("a", category_id="999")) == category_index(Video("a")) == 0  # unknown / none
    assert N_CATEGORIES == len(CATEGORY_NAMES) + 1
    assert sorted({category_index(Video("a", category_id=c)) for c in CATEGORY_NAMES}) == list(range(1, N_CATEGORIES))


def test_duration_z_is_centred_on_fifteen_minutes():
    assert duration_z(900.0) == 0.0
    assert duration_z(None) == 0.0 and duration_z(-1) == 0.0
    assert duration_z(60.0) < 0 < duration_z(3600.0)


def test_text_format_checks_its_keys_and_fills_the_defaults():
    import pytest

    from vrdndi.errors import VrdndiError
    from vrdndi.features.video import LEGACY_TEXT, TEXT_FORMAT, text_format

    assert text_format(None) == LEGACY_TEXT  # a checkpoint from before the format was recorded
    assert text_format({}) == TEXT_FORMAT and text_format({"max_tags": 2}) == {**TEXT_FORMAT, "max_tags": 2}
    with pytest.raises(VrdndiError, match="unknown key 'tag'"):
        text_format({"tag": 3})
    with pytest.raises(VrdndiError, match="max_tags"):
        text_format({"max_tags": -1})
    video = Video("abc", title="t", channel_title="c", category_id="10", tags=["lofi"], description="d")
    assert video_text(video, **LEGACY_TEXT) == "t | c | d"
