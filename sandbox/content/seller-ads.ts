// The sandbox's own seller-ad bank (not the classifier corpus): templates in the styles
// of forum posts, classified ads, Q&A answers and SEO pages, filled per post from the seed.
// Slots: {cert} {cert2} {cert3} {city} {price} {days} {claim} {claim2} {contact} {year}

export const CLAIMS = [
  '不用考试', '免考', '包过', '直接出证', '官网可查', '全国通用', '内部渠道', '无需到场', '一次性拿证', '不过全额退款',
  '可查可验', '安监局联网可查', '先查后付款', '人不用到场', '不用培训', '档案可查', '保证真实', '正规渠道', '加急可办', '零基础拿证',
] as const;

export const TITLE_TEMPLATES = [
  '{city}{cert}办理，{claim}，{days}天出证',
  '{cert}/{cert2}/{cert3} 快速拿证 {claim2}',
  '【{claim}】{cert}代办 全国可查',
  '急需{cert}的看过来，{claim}',
  '{city}考{cert}有没有靠谱的渠道？（内有联系方式）',
  '{cert}{price}元 {claim} {claim2}',
  '{year}年{cert}新政，{claim}可拿证',
  '专业代办{cert}、{cert2}，{days}个工作日出证',
  '出{cert}，官网可查，需要的私聊',
  '{cert}不会考试的进来，{claim}',
  '{cert}快速下证｜{claim}｜{claim2}',
  '还在为{cert}发愁？{claim}了解一下',
  '{city}{cert}、{cert2}急办，当天录入',
  '（长期有效）{cert}办理 {claim} 价格透明',
  '{year}{cert}报名/复审/补办 {claim}',
  '师傅们，{cert}有需要的看这里',
  '{cert}加急{days}天 {claim2}',
  '正规{cert}，可查档案，{claim}',
] as const;

/** Openers and sign-offs sprinkled around bodies so reposts differ by a few words. */
export const OPENERS = ['', '', '【置顶】', '各位老铁，', '长期有效！', '诚信为本，', '🔥🔥', '本人郑重承诺：', '看清楚再联系：', '新年优惠中，'] as const;
export const CLOSERS = ['', '', '非诚勿扰。', '骗子勿扰！', '量大从优。', '先查后付，放心办理。', '（24小时在线）', '加我时备注“证书”。', '顶起来让更多人看到', '✅✅✅'] as const;

export const FORUM_BODIES = [
  '本人长期办理各类特种作业操作证：{cert}、{cert2}、{cert3}等。{claim}，{claim2}，{days}个工作日出证，证书{claim3}。价格实惠，{cert}只要{price}元。\n需要的朋友联系：{contact}',
  '还在为{cert}考不过发愁吗？我们有内部渠道，{claim}，{claim2}。只需提供身份证复印件和一寸照片，{days}天左右拿证，全国通用。\n{contact}',
  '{city}本地办理{cert}，{claim}，官网可查，复审年审也可以办。不懂的可以先咨询，先查后付款。{contact}',
  '帮朋友发的：他那边能办{cert}和{cert2}，{claim}，我自己的就是在他那办的，已经在网上查到了。有需要的加{contact}',
  '专业代办安监局{cert}，{year}年最新政策，{claim}！{claim2}！\n◆{cert}：{price}元\n◆{cert2}：{price2}元\n◆{cert3}：{price3}元\n诚信经营，{contact}',
  '工地上要求持证上岗，没时间考试的找我，{cert}{days}天出证，{claim}，档案可查。{contact}（备注：证书）',
  '各位师傅好，我这边长期有{cert}名额，{claim}，不用去现场，照片和身份证发过来就行，费用{price}左右。{contact}',
  '说实话现在考{cert}太麻烦了，又要培训又要考试。我们这边{claim}，{claim2}，资料齐全{days}天左右就能下证，系统可查。有意向的直接{contact}',
  '【{cert}】【{cert2}】【{cert3}】\n✔{claim}\n✔{claim2}\n✔{days}天出证\n✔全国通用\n{contact}',
  '接{city}及全国各地{cert}业务，年审复审、新办补办都可以，{claim}。之前在这里发过帖，很多老客户介绍来的，口碑好。{contact}',
  '有没有需要{cert}的？朋友公司有指标，{claim}，我帮他发一下，价格{price}，要的话{contact}',
  '{cert}、{cert2}全国可办，{claim}，可以上官网查询，查不到不收费。联系方式：{contact}',
] as const;

export const CLASSIFIED_BODIES = [
  '【服务项目】{cert}、{cert2}、{cert3}、叉车证、建筑电工证等\n【服务优势】{claim}、{claim2}、全国联网可查\n【办理周期】{days}个工作日\n【所需资料】身份证正反面、白底一寸照片\n【收费标准】{cert}{price}元起\n{contact}',
  '本公司常年代办各类上岗证：{cert}/{cert2}，{claim}，{claim2}。证书与考试证书完全一样，可在网上查询。价格公道，{city}可面谈。{contact}',
  '急单可加急！{cert}最快{days}天拿证，{claim}。办理流程：提交资料→录入系统→出证→快递到手，全程不用跑腿。{contact}',
  '{city}及周边{cert}办理，{claim}，学历不限，年龄18-60周岁均可。另有{cert2}、{cert3}。电话微信同号：{contact}',
  '诚信办理特种作业操作证，{claim}，{claim2}，已帮助上千名师傅拿证。{cert}{price}元，{cert2}{price2}元，多证优惠。{contact}',
  '{cert}代办/{cert2}代办/{cert3}代办\n办理须知：1.提供身份证及照片 2.{claim} 3.{days}个工作日出证 4.{claim2}\n价格：{price}元起\n{contact}',
  '个人长期办理{cert}，不是中介，{claim}，支持当面交易（限{city}）。外地可快递，{claim2}。{contact}',
  '公司资质需要持证人员？{cert}、{cert2}均可办理挂靠或新办，{claim}。{contact}',
] as const;

export const QA_ANSWERS = [
  '你好，{cert}可以找我们办理，{claim}，{days}天出证，官网可查。{contact}',
  '考试太难的话可以走内部渠道，{claim}，我去年就是这么拿的{cert}，联系{contact}',
  '楼主别急，{cert}我们这边能办，{claim}，{claim2}，价格{price}左右，有意向加{contact}',
  '推荐你找专业机构，{claim}，全国通用。{contact}',
  '可以办的，{cert}和{cert2}都能做，{claim}，{contact} 详谈',
  '我就是做这个的，{cert}{days}天出证，{claim}，不满意不收费。{contact}',
  '楼上说的正规途径要排很久，急用的话可以找我，{claim}，{contact}',
  '同样的问题我以前也遇到过，后来找人办的，{claim}，需要的话{contact}',
] as const;

export const SEO_INTROS = [
  '{brand}专注特种作业操作证办理服务十余年，为全国{count}余名学员提供{cert}、{cert2}、{cert3}等证书办理服务，{claim}，{claim2}，证书可在官方网站查询。',
  '{brand}是一家从事职业资格与上岗证书咨询的服务机构，承接{cert}、{cert2}等业务，{claim}，{days}个工作日出证，支持先查询后付款。',
  '欢迎访问{brand}！我们提供{cert}快速办理，{claim}，全国联网，档案可查，一站式服务让您省心省力。',
] as const;

export const SEO_ARTICLE_TITLES = [
  '{cert}怎么办理？{year}年最新流程', '{cert}在哪里可以查询真伪', '没有时间考试怎么拿{cert}', '{cert}多少钱？价格一览',
  '{cert}复审需要什么材料', '{city}{cert}报名入口', '{cert}全国通用吗', '{cert}过期了怎么办',
] as const;

export const SEO_ARTICLE_BODIES = [
  '很多师傅问{cert}怎么办理。按照规定需要培训考试，但现在很多人工作忙没有时间，{brand}提供{claim}服务，{days}天出证，证书可在本站“证书查询”页面和官网查询。',
  '{cert}是从事{work}的必备证书。本站办理的证书{claim}，{claim2}，如需办理请联系在线客服或查看联系我们页面。',
] as const;

/** Short floors a seller posts under someone else's thread, carrying the contact. */
export const REPLY_ADS = [
  '需要{cert}的可以找我 {contact}',
  '楼主，{cert}{claim}，{contact}',
  '能办，{claim}，看我头像或者加{contact}',
  '有渠道 {contact}',
  '私信我，或者直接{contact}',
  '我这能办，{days}天出证 {contact}',
  '楼主看私信，{contact}',
  '需要的话联系我，{claim}，{contact}',
  '顶，顺便说下我这{cert}{claim} {contact}',
] as const;

/** Honest-looking opening posts that sellers then answer (the contact is only in the reply). */
export const BAIT_QUESTIONS = [
  '{city}哪里可以考{cert}？', '{cert}考试难不难，零基础能过吗', '公司要求{cert}，自学能考吗', '{cert}多久能拿到',
  '{cert}过期了还能复审吗', '{cert}考试要多少钱', '想转行做{work}，要先考什么证',
] as const;

/** Words sellers write instead of 微信/QQ/电话; the renderer picks one per contact. */
export const WECHAT_WORDS = ['微信', '薇信', '威信', 'V信', 'vx', 'VX', 'V❤', '➕V', '加微', '徽信', '卫星', 'wx'] as const;
export const QQ_WORDS = ['QQ', 'Q', '扣扣', '企鹅', 'qq号', '球球'] as const;
export const PHONE_WORDS = ['电话', '手机', 'Tel', '☎', '📞', '热线', '联系电话', '电'] as const;
