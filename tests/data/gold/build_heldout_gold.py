"""Write tests/data/suggest/heldout/gold.jsonl: hand-made gold for the held-out pages.

The pages in tests/data/suggest/heldout/ were written in the style of outlets and genres the
rules were never shown (a provincial government portal, a county news page, a Traditional-script
wire story, a city TV station's HTML page). Their figures before and after the rule changes are
in that folder's README; the rules must not be tuned on them. Judgement lives in SPEC (see
gold_spec.py for the format); re-run after a cleaner change and read the diff:

    .venv/bin/python tests/data/gold/build_heldout_gold.py
"""

from __future__ import annotations

from pathlib import Path

from gold_spec import END, write_gold

FOLDER = Path(__file__).resolve().parents[1] / "suggest" / "heldout"
OUT = FOLDER / "gold.jsonl"

SPEC: dict[str, dict] = {
    "gov_portal.txt": {
        "regions": [
            ("widget", "无障碍浏览", None),
            ("navigation", "江南省人民政府", "走进江南"),
            ("breadcrumb", "当前位置", None),
            ("meta", "索引号", None),
            ("meta", "信息来源", None),
            ("widget", "【字体", None),
            ("meta", "(责任编辑", None),
            ("related", "相关链接", "省政府召开全省安全生产"),
            ("footer", "网站地图", END),
        ],
        "officials": {
            "周立新": (["省委副书记", "省长"], "省委", ["周省长"]),
            "刘海燕": (["副省长"], None),
            "陈建东": (["副省长"], None),
            "孙卫国": (["省政府秘书长"], "省政府"),
        },
        "chains": ["省委副书记、省长|周立新", "副省长|刘海燕", "省政府秘书长|孙卫国"],
        "dates": ["6月17日上午", "6月16日"],
        "events": [
            (
                "座谈会/会议",
                "2024-06-17",
                "南州",
                "主持召开省政府第36次常务会议",
                ["周立新", "刘海燕", "陈建东", "孙卫国"],
            ),
            ("考察调研", "2024-06-16", "临江市", "赴临江市检查防汛工作", ["周立新"]),
            ("慰问", "2024-06-16", "临江大堤", "看望慰问坚守一线", ["周立新"]),
        ],
    },
    "county_news.txt": {
        "regions": [
            ("navigation", "清河县融媒体中心", "首页 | 时政要闻"),
            ("breadcrumb", "您的位置", None),
            ("meta", "2023-11-09 17:45:20", None),
            ("meta", "(记者 吴静", "审核:王强"),
            ("navigation", "上一篇", "下一篇"),
            ("related", "相关新闻", "我县开展秋冬季"),
            ("footer", "版权所有", END),
        ],
        "officials": {
            "赵明远": (["县委书记"], "县委", ["赵书记"]),
            "钱志刚": (["县委常委", "县委办公室主任"], "县委"),
            "何丽": (["副县长"], None),
        },
        "chains": ["县委书记|赵明远", "县委常委、县委办公室主任|钱志刚", "副县长|何丽"],
        "dates": ["11月8日", "当天下午"],
        "events": [
            (
                "考察调研",
                "2023-11-08",
                "双河镇",
                "深入双河镇、柳林乡调研",
                ["赵明远", "钱志刚", "何丽"],
            ),
            (
                "座谈会/会议",
                "2023-11-08",
                "柳林乡",
                "在柳林乡主持召开座谈会",
                ["赵明远", "钱志刚", "何丽"],
            ),
        ],
    },
    "hk_tw.txt": {
        "regions": [
            ("navigation", "中央新闻社 CNA", "即时 政治"),
            ("breadcrumb", "首页 > 政治", None),
            ("meta", "2024/07/25 18:32", None),
            ("share", "分享 Facebook", None),
            ("widget", "字级", None),
            ("meta", "(编辑:李明德)", None),
            ("related", "延伸阅读", "凯米台风来袭"),
            ("footer", "本网站之文字", END),
        ],
        "officials": {
            "林文德": (["行政院长"], "行政院", ["林院长"]),
            "王志强": (["经济部长"], "经济部"),
            "张家豪": (["交通部长"], "交通部"),
            "黄俊雄": (["高雄市长"], "高雄市"),
        },
        "chains": ["行政院长|林文德", "经济部长|王志强", "交通部长|张家豪", "高雄市长|黄俊雄"],
        "dates": ["25日", "今天"],
        "events": [
            ("考察调研", "2024-07-25", "南下[高雄]", "南下高雄视察防汛整备", ["林文德"]),
            (
                "座谈会/会议",
                "2024-07-25",
                "高雄市政府",
                "主持防台应变会议",
                ["林文德", "王志强", "张家豪"],
            ),
            ("慰问", "2024-07-25", "旗山区", "慰问第一线救灾人员", ["林文德"]),
        ],
    },
    "city_tv.html": {
        "regions": [
            ("navigation", "临州广播电视台 直播", "专题"),
            ("breadcrumb", "首页 > 临州新闻", None),
            ("meta", "2024-05-21 19:30", None),
            ("caption", "视频:市长孟庆华", "时长 02:46"),
            ("meta", "(临州台记者", "责任编辑:宋佳"),
            ("share", "分享到", None),
            ("related", "相关视频", "临州新闻联播"),
            ("footer", "关于我们", END),
        ],
        "officials": {
            "孟庆华": (["市委副书记", "市长"], "市委", ["孟市长"]),
            "冯建国": (["副市长"], None),
            "谢文斌": (["市政府秘书长"], "市政府"),
        },
        "chains": [
            "市长|孟庆华",
            "市委副书记、市长|孟庆华",
            "副市长|冯建国",
            "市政府秘书长|谢文斌",
        ],
        "dates": ["5月21日上午"],
        "events": [
            (
                "考察调研",
                "2024-05-21",
                None,
                "带队调研我市城市更新项目",
                ["孟庆华", "冯建国", "谢文斌"],
            ),
            (
                "座谈会/会议",
                "2024-05-21",
                "市政府",
                "在市政府主持召开专题会议",
                ["孟庆华", "冯建国", "谢文斌"],
            ),
        ],
    },
}


def main() -> None:
    write_gold(((FOLDER / name, spec) for name, spec in SPEC.items()), OUT)


if __name__ == "__main__":
    main()
