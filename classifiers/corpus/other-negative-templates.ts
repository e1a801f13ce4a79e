// Negatives outside the trade: bank notices about "证书", fake-invoice and loan
// spam (illicit but no certificate for sale), agencies, property, shops, chat.
import type { CorpusRandom } from './corpus-random.js';
import type { Draft } from './seller-templates.js';
import { businessContact } from './contact-phrases.js';

export const OTHER_NEGATIVE_TEMPLATES: Array<[weight: number, make: (r: CorpusRandom) => Draft & { kind: string }]> = [
  [5, (r) => ({
    kind: 'bank_notice',
    text: `${r.pick(['尊敬的客户', '尊敬的用户', '您好'])}，${r.pick(['您的网银证书将于', '您的手机银行数字证书将于', '您的U盾证书将于'])}${r.pick(['今日', '3日后', '本月底'])}${r.pick(['过期', '失效'])}，${r.pick(['请登录官方网站更新', '请携带身份证到柜台办理', '请在网银客户端点击“证书更新”'])}。${r.pick(['验证码' + r.int(100000, 999999) + '，请勿泄露', '如非本人操作请致电客服', ''])}【${r.pick(['工商银行', '建设银行', '招商银行', '农业银行', '中国银行'])}】`,
    style: 'sms',
    template: 'bank-notice',
  })],
  [9, (r) => ({
    kind: 'fake_invoice',
    text: `${r.pick(['您好', '老板你好', '你好', ''])}${r.pick(['，本公司', '，我司', ''])}${r.pick(['常年', '长期', ''])}${r.pick(['代开', '对外代开', '优惠开'])}${r.pick(['各行业', '全国各地', r.city()])}${r.pick(['正规发票', '增值税专用发票', '普通发票', '机打发票'])}，${r.pick(['点低保真', '税点优惠', '可上网查验', '验后付款'])}${r.pick(['，电话', '，联系', '，咨询'])}${r.phone()}${r.pick([r.person(), ''])}${r.pick(['，打扰见谅', '，微信同号', ''])}`,
    style: 'sms',
    template: 'fake-invoice',
  })],
  [5, (r) => ({
    kind: 'loan_spam',
    text: `${r.pick(['无抵押信用贷款', '大额信用卡代办', '车抵房抵贷款', '企业周转资金'])}，${r.pick(['当天放款', '利息低手续简单', '黑户白户均可', '额度1-50万'])}，${r.pick(['凭身份证即可办理', '不看征信', '不成功不收费'])}，${r.pick(['详询', '电话', '微信同号'])}${r.phone()}${r.person()}`,
    style: 'sms',
    template: 'loan-spam',
  })],
  [4, (r) => ({
    kind: 'driving_school',
    text: `${r.city()}${r.pick(['通达', '安顺', '平安', '顺风'])}驾校${r.pick(['春季', '暑期', '年底'])}招生，${r.pick(['C1/C2', '普通班/VIP班/包过班'])}，${r.pick(['一人一车随到随学', '报名送体检', '学费分期'])}，${r.pick(['最快45天拿证', '考试通过率高', '不过免费补训'])}。${businessContact(r)}`,
    style: r.pick(['sms', 'classified']),
    template: 'driving-school',
  })],
  [4, (r) => ({
    kind: 'legit_agency',
    text: `${r.pick(['代办公司注册、营业执照、税务登记', '代理记账报税，代办营业执照变更', '专业翻译盖章，学历认证翻译', '证件照拍摄，立等可取', '证书外壳定制、烫金封皮印刷', '奖状证书印刷，荣誉证书定做'])}，${r.pick(['正规公司，流程透明', '价格实惠', '全市上门服务', '二十年老店'])}。${businessContact(r)}`,
    style: 'classified',
    template: 'legit-agency',
  })],
  [3, (r) => ({
    kind: 'real_estate',
    text: `${r.pick(['精装现房', '地铁口小户型', '临街旺铺'])}，${r.pick(['即买即办证', '现房现办证', '满两年可办证过户'])}，${r.pick(['首付' + r.int(5, 40) + '万起', '不限购不限贷'])}，${r.pick(['看房热线', '咨询'])}${r.phone()}`,
    style: 'sms',
    template: 'real-estate',
  })],
  [5, (r) => ({
    kind: 'other_spam',
    text: r.pick([
      `${r.pick(['会员日', '周年庆', '双十一'])}全场${r.int(3, 8)}折，满${r.int(1, 5)}00减${r.int(20, 99)}，${r.pick(['回TD退订', '详情进店'])}`,
      `${r.pick(['今日牛股', '短线金股'])}${r.int(300000, 600999)}明日有望涨停，${r.pick(['加群', '咨询'])}${r.phone()}`,
      `${r.pick(['注册就送', '首存送'])}${r.int(18, 888)}元彩金，${r.pick(['真人娱乐', '体育投注'])}，网址www.${r.pick(['hg', 'yl', 'jsb'])}${r.int(100, 9999)}.com`,
      `${r.pick(['家电清洗', '管道疏通', '开锁换锁', '搬家搬厂'])}，${r.pick(['上门服务', '24小时服务', '价格公道'])}，电话${r.phone()}`,
      `${r.pick(['恭喜您', '尊敬的会员'])}获得${r.pick(['积分兑换', '流量红包', '话费奖励'])}，${r.pick(['点击', '登录'])}${r.pick(['http://', 'www.'])}${r.pick(['a', 'b', 'x'])}${r.int(10, 99)}${r.pick(['jf', 'hb'])}.cn 领取`,
    ]),
    style: 'sms',
    template: 'other-spam',
  })],
  [4, (r) => ({
    kind: 'chat',
    text: r.pick([
      `${r.pick(['明天', '周末', '晚上'])}${r.pick(['一起吃饭吧', '去爬山吗', '开会别忘了带材料'])}，${r.pick(['我在老地方等你', '记得带身份证', '到了给我打电话'])}`,
      `${r.pick(['孩子', '我'])}${r.pick(['毕业证', '学位证', '驾驶证', '身份证'])}${r.pick(['丢了', '过期了', '要换新的'])}，${r.pick(['去哪里补办', '要带什么材料', '派出所说要等一周'])}？`,
      `${r.pick(['公司', '单位'])}让${r.pick(['考', '报'])}${r.pick(['会计证', '教师资格证', '驾照', '英语四级'])}，${r.pick(['好难啊', '有资料的分享一下', '下个月考试'])}`,
      `${r.pick(['收到', '好的', '谢谢'])}，${r.pick(['证书已经寄出', '材料我明天交', '报名表填好了'])}${r.pick(['，快递单号' + r.int(100000000, 999999999), '，注意查收', ''])}`,
    ]),
    style: 'chat',
    template: 'chat-other',
  })],
  [3, (r) => ({
    kind: 'equipment_sale',
    text: `${r.pick(['出售', '转让', '低价处理'])}${r.pick(['二手叉车', '电焊机', '塔吊配件', '配电柜', '空调外机', '登高梯'])}${r.int(1, 9)}台，${r.pick(['九成新', '手续齐全', '可开发票', '包运输'])}，${r.pick(['联系', '电话'])}${r.phone()}${r.person()}`,
    style: 'classified',
    template: 'equipment-sale',
  })],
  [3, (r) => ({
    kind: 'gov_service',
    text: `${r.pick(['办理居住证', '补办身份证', '申领驾驶证', '换领护照'])}${r.pick(['流程', '须知'])}：${r.pick(['携带身份证原件和照片到户籍窗口', '通过政务服务网在线预约', '本人到车管所窗口办理'])}，${r.pick(['5个工作日办结', '当场办结', '不收取任何费用'])}。${r.pick(['谨防网上代办诈骗', '咨询电话12345', ''])}`,
    style: 'notice',
    template: 'gov-service',
  })],
];
