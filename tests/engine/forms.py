"""Small bilingual XLSForms (Markdown tables) the engine tests share."""

from __future__ import annotations

BASIC = """
| survey |
| | type | name | label::中文 (zh) | label::English (en) | hint::中文 (zh) | hint::English (en) | required | required_message::中文 (zh) | required_message::English (en) | relevant | constraint | constraint_message::中文 (zh) | constraint_message::English (en) | appearance | calculation | read_only | default |
| | start | start | | | | | | | | | | | | | | | |
| | text | name | 您的姓名 | Your name | 写全名 | Write your full name | yes | 请写姓名 | Please write your name | | | | | | | | |
| | integer | age | 您的年龄 | Your age | | | yes | | | | . >= 0 and . <= 130 | 年龄要在0到130之间 | Age must be between 0 and 130 | | | | |
| | select_one yn | pension | 您领养老金吗？ | Do you get a pension? | | | | | | ${age} >= 60 | | | | | | | |
| | decimal | amount | 每月多少元？ | How much a month? | | | | | | ${pension} = 'yes' | . > 0 | | | | | | |
| | date | visit | 哪天来？ | Which day? | | | | | | | . >= '2025-01-01' | | | | | | |
| | time | at | 几点？ | What time? | | | | | | | | | | | | | |
| | select_multiple needs | needs | 需要什么？ | What do you need? | | | | | | | | | | | | | |
| | calculate | double | | | | | | | | | | | | | ${age} * 2 | | |
| | calculate | older | | | | | | | | | | | | | ${double} + 1 | | |
| | note | summary | 您好，${name}！ | Hello, ${name}! | | | | | | | | | | | | | |
| | text | phone | 手机号 | Mobile | | | | | | | | | | cn-mobile | | | |
| | acknowledge | agree | 我同意 | I agree | | | | | | | | | | | | | |
| | text | fixed | 固定 | Fixed | | | | | | | | | | | | yes | abc |
| | end | end | | | | | | | | | | | | | | | |
| choices |
| | list_name | name | label::中文 (zh) | label::English (en) |
| | yn | yes | 是 | Yes |
| | yn | no | 否 | No |
| | needs | meals | 送餐 | Meals |
| | needs | cleaning | 打扫 | Cleaning |
| | needs | dontknow | 不知道 | I don't know |
| settings |
| | form_title | form_id | version | default_language |
| | 基本 | basic | 2025030901 | 中文 (zh) |
"""

REPEATS = """
| survey |
| | type | name | label::中文 (zh) | label::English (en) | repeat_count | calculation | relevant |
| | integer | n | 几个孩子？ | How many children? | | | |
| | begin repeat | child | 孩子 | Child | ${n} | | |
| | text | cname | 孩子名字 | Child's name | | | |
| | calculate | pos | | | | position(..) | |
| | end repeat | | | | | | |
| | begin repeat | member | 家人 | Household member | | | |
| | text | mname | 家人名字 | Member's name | | | |
| | integer | mage | 家人年龄 | Member's age | | | |
| | end repeat | | | | | | |
| | calculate | members | | | | count(${member}) | |
| | calculate | first_name | | | | indexed-repeat(${mname}, ${member}, 1) | |
| | calculate | total_age | | | | sum(${mage}) | |
| | note | done | 共 ${members} 人 | ${members} members | | | |
| settings |
| | form_title | form_id |
| | 重复 | repeats |
"""

CASCADE = """
| survey |
| | type | name | label::中文 (zh) | label::English (en) | choice_filter |
| | select_one province | province | 省 | Province | |
| | select_one city | city | 市 | City | province = ${province} |
| | select_one district | district | 区 | District | city = ${city} |
| | text | city_name | 城市名 | City name | |
| choices |
| | list_name | name | label::中文 (zh) | label::English (en) | province | city |
| | province | gd | 广东 | Guangdong | | |
| | province | zj | 浙江 | Zhejiang | | |
| | city | gz | 广州 | Guangzhou | gd | |
| | city | sz | 深圳 | Shenzhen | gd | |
| | city | hz | 杭州 | Hangzhou | zj | |
| | district | th | 天河 | Tianhe | | gz |
| | district | yx | 越秀 | Yuexiu | | gz |
| | district | ns | 南山 | Nanshan | | sz |
| | district | xh | 西湖 | Xihu | | hz |
| settings |
| | form_title | form_id |
| | 级联 | cascade |
"""

FIELD_LIST = """
| survey |
| | type | name | label::中文 (zh) | label::English (en) | appearance | required | relevant |
| | begin group | contact | 联系方式 | Contact | field-list | | |
| | text | id_number | 身份证号 | ID number | cn-id | yes | |
| | text | postcode | 邮编 | Postcode | cn-postcode | | |
| | text | mobile | 手机 | Mobile | cn-mobile | | |
| | end group | | | | | | |
| | begin group | more | 更多 | More | | | |
| | text | other | 其他 | Other | | | |
| | geopoint | where | 位置 | Location | | | |
| | barcode | code | 条码 | Barcode | | yes | ${other} = 'scan' |
| | image | photo | 照片 | Photo | | | |
| | end group | | | | | | |
| settings |
| | form_title | form_id |
| | 分组 | fieldlist |
"""
