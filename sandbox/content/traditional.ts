// Simplified → traditional characters for the characters of this content bank, so some
// sellers can post in traditional script. Derived once from opencc-js (cn → tw) per character:
// loading OpenCC's dictionaries takes ~2 s, too slow for every sandbox start in tests.
const PAIRS =
  '万萬与與专專业業东東两兩严嚴个個丰豐临臨为為举舉么麼乐樂习習书書买買于於云雲产產仅僅从從仓倉们們价價众眾优優会會伟偉伪偽体體余餘侠俠储儲关關兴興内內军軍冯馮决決' +
  '况況准準几幾击擊划劃刘劉刚剛别別办辦务務动動劳勞势勢区區华華单單卖賣卫衛厂廠历歷厉厲压壓厦廈叁叄参參双雙发發台臺号號后後吗嗎听聽吴吳员員咨諮园園国國场場块塊墙牆' +
  '处處备備复復头頭孙孫学學宁寧实實审審对對导導将將属屬岁歲岗崗岛島师師带帶帮幫并並广廣庄莊庆慶库庫应應开開张張强強当當录錄总總恒恆执執扫掃扰擾护護报報拨撥据據数數' +
  '无無时時晓曉术術机機条條来來杨楊杰傑构構标標样樣档檔桥橋检檢楼樓欢歡气氣氩氬汇匯汉漢没沒济濟涛濤润潤温溫满滿炉爐点點烟煙热熱猫貓现現电電监監矿礦码碼础礎种種称稱' +
  '税稅筑築简簡类類红紅约約纳納线線组組织織经經结結给給络絡统統续續维維绵綿缴繳网網罗羅罚罰职職联聯脚腳艳豔艺藝芜蕪苏蘇荐薦获獲营營蓝藍虚虛装裝规規视視览覽觉覺计計' +
  '认認让讓训訓讯訊记記许許论論设設访訪证證识識试試诚誠话話询詢详詳说說请請诺諾调調谈談谓謂谢謝谨謹谱譜负負责責货貨质質贩販贪貪购購贰貳贴貼贵貴费費资資赵趙车車转轉' +
  '辆輛输輸边邊辽遼达達过過运運还還这這进進远遠违違连連递遞邓鄧郑鄭里裡钎釺钢鋼钱錢铁鐵链鏈销銷锅鍋锡錫长長门門问問间間闻聞阳陽际際陆陸陈陳陕陝险險随隨难難静靜韩韓' +
  '页頁顶頂项項顺順须須颁頒领領题題额額风風饮飲马馬驶駛驾駕验驗骗騙骤驟鱼魚鸿鴻鹅鵝黄黃龄齡';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i]!, PAIRS[i + 1]!);

export function toTraditional(s: string): string {
  let out = '';
  for (const ch of s) out += MAP.get(ch) ?? ch;
  return out;
}
