"""Write tests/data/suggest/blind/gold.jsonl: hand-made gold for the blind test pages.

The pages in tests/data/suggest/blind/ (a provincial party newspaper's text dump of a 党政代表团
visit, a city government portal's HTML page of a mayor's inspection day and meeting) and this
SPEC were written by someone who never read annotator/suggest, so neither the pages nor the
judgement here know the rules. Conventions are those of tests/data/suggest/heldout/README.md
(gold_spec.py has the format); re-run after a cleaner change and read the diff:

    .venv/bin/python tests/data/gold/build_blind_gold.py

Judgement calls: a trip is one 考察调研 event dated by its first day (its last day the end
date) and takes in the stops told in later sentences (滨海大学海洋研究院, 东湾港 on 3月11日, the
"在滨期间" summary; 白沙河 堤防, 河阳高新区 on the portal page); a 参观, 慰问 or 签约 told inside a
trip is its own event, as in the seeds; the 慰问 in the "在滨期间" summary paragraph has no date
(the paragraph spans the three days) and no place (its sentence names none); reported speech
about future work (定期召开联席会议, 下周将召开推进会, 开展应急演练, 走访调研) is not an event;
relative and deadline expressions in speech (今年, 下周, 5月底) are DATE spans.
"""

from __future__ import annotations

from pathlib import Path

from gold_spec import END, write_gold

FOLDER = Path(__file__).resolve().parents[1] / "suggest" / "blind"
OUT = FOLDER / "gold.jsonl"

SPEC: dict[str, dict] = {
    "provincial_daily.txt": {
        "regions": [
            ("navigation", "江北网 | 江北日报", "专题"),
            ("breadcrumb", "当前位置", None),
            ("meta", "来源:江北日报", None),
            ("widget", "【字号", None),
            ("duplicate", "2=江北省党政代表团赴滨海省学习考察", None),
            ("caption", "记者 韩晓东 摄", None),
            ("meta", "责任编辑:邵雯", None),
            ("related", "相关阅读", "江北省与滨海省签署劳务协作协议"),
            ("share", "分享到", "扫一扫在手机打开当前页"),
            ("footer", "江北日报社版权所有", END),
        ],
        "officials": {
            "郑国梁": (["滨海省委书记", "省人大常委会主任"], "滨海省委"),
            "贺启明": (["江北省委书记", "省人大常委会主任"], "江北省委"),
            "罗文涛": (["滨海省委副书记", "省长"], "滨海省委"),
            "唐振宇": (["江北省委副书记", "省长"], "江北省委"),
            "苏博远": (["滨海省委副书记", "海州市委书记"], "滨海省委"),
            "王立平": ([], None),
            "许慧敏": ([], None),
            "杜长青": ([], None),
            "周海峰": ([], None),
            "林雅琴": ([], None),
        },
        "chains": [
            "滨海省委书记、省人大常委会主任|郑国梁",
            "江北省委书记、省人大常委会主任|贺启明",
            "滨海省委副书记、省长|罗文涛",
            "江北省委副书记、省长|唐振宇",
            "滨海省委副书记、海州市委书记|苏博远",
        ],
        "dates": ["3月9日至11日", "3月10日上午", "3月10日", "当天下午", "3月11日"],
        "events": [
            (
                "考察调研",
                "2025-03-09",
                "赴[滨海省]",
                "江北省党政代表团赴滨海省学习考察,深入学习借鉴",
                ["郑国梁", "贺启明", "罗文涛", "唐振宇", "苏博远"],
                "2025-03-11",
            ),
            (
                "座谈会/会议",
                "2025-03-10",
                "在[海州]召开",
                "3月10日上午,江北省·滨海省经济社会发展交流座谈会在海州召开",
                ["郑国梁", "贺启明", "罗文涛", "唐振宇"],
            ),
            (
                "签约",
                "2025-03-10",
                None,
                "唐振宇与罗文涛代表两省政府签署",
                ["唐振宇", "罗文涛"],
            ),
            (
                "参观",
                "2025-03-10",
                "海州国际科创港",
                "参观滨海省科技创新成果展",
                [],
            ),
            (
                "慰问",
                None,
                None,
                "代表团还看望慰问了在滨海创业就业的江北籍企业家",
                [],
            ),
        ],
    },
    "municipal_portal.html": {
        "regions": [
            ("widget", "欢迎访问河阳市人民政府门户网站", None),
            ("navigation", "首页", "走进河阳"),
            ("breadcrumb", "当前位置", None),
            ("meta", "发布时间:2025-04-19", None),
            ("caption", "林振声在白沙河城区段堤防加固工程现场检查防汛工作", None),
            ("meta", "(市政府办公室 供稿)", None),
            ("widget", "【打印本页】", None),
            ("navigation", "上一篇", "下一篇"),
            ("related", "相关新闻", "河阳高新区一季度签约项目"),
            ("footer", "网站地图", END),
        ],
        "officials": {
            "林振声": (["市委副书记", "市长"], "市委", ["林市长"]),
            "高建平": (["副市长"], None),
            "邹明辉": (["市政府秘书长"], "市政府"),
        },
        "chains": ["市委副书记、市长|林振声", "副市长|高建平", "市政府秘书长|邹明辉"],
        "dates": ["4月18日", "当天下午", "5月底", "今年", "下周"],
        "events": [
            (
                "考察调研",
                "2025-04-18",
                "白沙河城区段",
                "先后深入白沙河城区段、东郊片区和河阳高新区",
                ["林振声", "高建平", "邹明辉"],
            ),
            ("慰问", "2025-04-18", "东郊排涝泵站", "看望慰问一线工作人员", ["林振声"]),
            (
                "座谈会/会议",
                "2025-04-18",
                "在[市政府]主持召开",
                "在市政府主持召开全市防汛备汛和重点项目建设专题会议",
                ["林振声", "高建平", "邹明辉"],
            ),
        ],
    },
}


def main() -> None:
    write_gold(((FOLDER / name, spec) for name, spec in SPEC.items()), OUT)


if __name__ == "__main__":
    main()
