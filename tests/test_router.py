from assistant.router import classify, split_parts, years_named


def test_intents() -> None:
    assert classify("公务接待费占“三公”经费总额的比例是多少？").share
    assert classify("部门预算总额同比下降了百分之多少？").pct_change
    assert classify("项目支出比上年减少了多少？").change
    assert classify("基本支出为什么会增加？").reason
    assert classify("经信委内设了多少个科室？").count == "个"
    assert classify("经信委机关有多少个行政编制？").count in ("个", "名")
    assert classify("民用爆破器材的监督管理是不是经信委的职责？").yes_no
    assert classify("公务接待费是多少元？").in_yuan


def test_parts_and_years() -> None:
    assert split_parts("工勤编制有几名？实有几名？") == ["工勤编制有几名", "实有几名"]
    assert years_named("截至2023年底一共有多少辆车") == []
    assert years_named("经信委2025年的预算") == [2025]


def test_how_much_apart_of_a_change_is_not_a_comparison_of_two_items() -> None:
    assert not classify("支出比上年是增是减，差多少").compare
    assert classify("支出比上年是增是减，差多少").change
    assert classify("基本支出和项目支出相差多少").compare
    assert classify("基本支出比项目支出多多少").compare


def test_a_share_asked_as_how_much_of_a_whole() -> None:
    assert classify("项目支出占总支出的多少").share
    assert classify("各占支出合计的几成").share
    assert not classify("办公用房占地多少平方米").share
