import datetime as dt

import pytest

from fupin_engine import idcard

# The example number of GB 11643-1999 itself.
STANDARD_EXAMPLE = "11010519491231002X"


def test_standard_example_is_valid():
    assert idcard.validate(STANDARD_EXAMPLE) == STANDARD_EXAMPLE
    assert idcard.validate(STANDARD_EXAMPLE.lower()) == STANDARD_EXAMPLE


def test_checksum_failure_names_the_rule():
    with pytest.raises(idcard.IdNumberError) as exc:
        idcard.validate("110105194912310021")
    assert exc.value.code == "id_checksum"
    assert "X" in str(exc.value)


def test_birth_date_must_match_the_record():
    with pytest.raises(idcard.IdNumberError) as exc:
        idcard.validate(STANDARD_EXAMPLE, birth_date=dt.date(1949, 12, 30))
    assert exc.value.code == "id_birth_mismatch"
    assert idcard.validate(STANDARD_EXAMPLE, birth_date=dt.date(1949, 12, 31))


def test_impossible_birth_date_and_bad_shape():
    first17 = "11010519490231002"  # 31 February
    with pytest.raises(idcard.IdNumberError) as exc:
        idcard.validate(first17 + idcard.check_character(first17))
    assert exc.value.code == "id_birth_date"
    with pytest.raises(idcard.IdNumberError) as exc:
        idcard.validate("12345")
    assert exc.value.code == "id_format"


def test_historical_address_code_is_not_an_error():
    # 513421 was an old code; numbers keep the code of the place of issue.
    number = idcard.make("999999", dt.date(1970, 1, 1), 123)
    assert idcard.validate(number) == number


def test_mask_keeps_address_and_last_two():
    assert idcard.mask(STANDARD_EXAMPLE) == "110105**********2X"
    # A mask stored before ADR 0018 (last four) gives the same display mask.
    assert idcard.masked_id("110105********002X") == "110105**********2X"
    assert idcard.masked_id("110105**********2X") == "110105**********2X"
    assert idcard.masked_id("12345") == "*****"
    assert idcard.visible_birth(dt.date(1949, 12, 31)) == 1949
    assert idcard.sex_of(STANDARD_EXAMPLE) == "F"
