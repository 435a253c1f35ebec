/**
 * The certificate as an A4 PDF (portrait): a double frame, the title 中山市中小企业数字化转型城市试点企业, the
 * enterprise, the project and its level, the issuer and date, and the verification code with its URL. Chinese
 * is the certificate's language; the English line under each heading helps readers outside Guangdong.
 */
import PDFDocument from 'pdfkit';
import { DIGITAL_LEVEL_LABELS, type DigitalLevel } from '../../../core/workflow';
import { installFonts, NO_DEFAULT_FONT } from '../reports/fonts';
import { COLORS, Layout } from '../reports/layout';
import type { CertificateView } from './service';

export const CERTIFICATE_TITLE = '中山市中小企业数字化转型城市试点企业';
export const CERTIFICATE_ISSUER = '中山市工业和信息化局';
const GOLD = '#B8860B';
const RED = '#A61B1B';

function levelText(level: number): string {
  return (DIGITAL_LEVEL_LABELS as Record<number, { zh: string } | undefined>)[level as DigitalLevel]?.zh ?? `${level}级`;
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export async function renderCertificatePdf(c: CertificateView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    ...NO_DEFAULT_FONT,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${CERTIFICATE_TITLE}证书 — ${c.enterpriseName}`,
      Author: CERTIFICATE_ISSUER,
      Subject: `核验码 ${c.code}`,
      Keywords: c.code,
      Creator: '中山市中小企业数字化转型城市试点项目管理平台',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  installFonts(doc);
  const layout = new Layout(doc, 'zh-CN');
  const W = 595.28;
  const H = 841.89;

  // Frames: an outer gold rule, an inner thin one.
  doc.save().rect(28, 28, W - 56, H - 56).lineWidth(3).strokeColor(GOLD).stroke().restore();
  doc.save().rect(38, 38, W - 76, H - 76).lineWidth(0.8).strokeColor(GOLD).stroke().restore();
  if (c.status === 'revoked') {
    doc.save().rotate(-30, { origin: [W / 2, H / 2] });
    layout.lineAt('已撤销  REVOKED', 0, H / 2 - 30, { size: 54, weight: 'bold', color: '#E8B4B4', align: 'center' }, W);
    doc.restore();
  }

  const inner = { x: 70, width: W - 140 };
  let y = 110;
  layout.lineAt('荣 誉 证 书', inner.x, y, { size: 34, weight: 'bold', color: RED, align: 'center' }, inner.width);
  y += 56;
  layout.lineAt('CERTIFICATE OF HONOUR', inner.x, y, { size: 11, color: COLORS.muted, align: 'center' }, inner.width);
  y += 50;

  layout.lineAt(c.enterpriseName, inner.x, y, { size: 20, weight: 'bold', color: COLORS.text, align: 'center' }, inner.width);
  y += 34;
  layout.hline(y, GOLD, 0.8, inner.x + 60, inner.x + inner.width - 60);
  y += 26;

  const body = `经评估，贵单位实施的“${c.projectName}”成效评估等级达到${levelText(c.level)}，被认定为`;
  y += layout.textAt(body, inner.x + 10, y, inner.width - 20, { size: 13, leading: 1.9, color: COLORS.text });
  y += 18;
  layout.lineAt(CERTIFICATE_TITLE, inner.x, y, { size: 19, weight: 'bold', color: RED, align: 'center' }, inner.width);
  y += 30;
  layout.lineAt('特发此证，以资鼓励。', inner.x, y, { size: 13, color: COLORS.text, align: 'center' }, inner.width);
  y += 54;

  const rows: Array<[string, string]> = [
    ['项目名称', c.projectName],
    ['备案号', c.filingNo ?? '—'],
    ['数字化水平等级', levelText(c.level)],
    ['财政资金支持', c.funded ? '已获奖补资金支持' : '试点企业荣誉（未获奖补资金）'],
  ];
  const labelW = 120;
  for (const [k, v] of rows) {
    layout.lineAt(k, inner.x + 40, y, { size: 11, color: COLORS.muted });
    const h = layout.textAt(v, inner.x + 40 + labelW, y, inner.width - 80 - labelW, { size: 11, color: COLORS.text });
    y += Math.max(h, 16) + 10;
  }

  // Issuer and date, right-aligned above the verification block.
  const issuerY = H - 250;
  layout.lineAt(CERTIFICATE_ISSUER, inner.x, issuerY, { size: 15, weight: 'bold', color: COLORS.text, align: 'right' }, inner.width - 30);
  layout.lineAt(chineseDate(c.issuedOn), inner.x, issuerY + 28, { size: 13, color: COLORS.text, align: 'right' }, inner.width - 30);
  // A seal ring where the bureau stamps the printed copy.
  doc.save().circle(inner.x + inner.width - 95, issuerY + 14, 44).lineWidth(1.2).dash(3, { space: 3 }).strokeColor('#E3A3A3').stroke().undash().restore();

  const boxY = H - 150;
  layout.rect(inner.x, boxY, inner.width, 72, COLORS.band, COLORS.rule);
  layout.lineAt('证书核验码 Verification code', inner.x + 16, boxY + 12, { size: 9.5, color: COLORS.muted });
  layout.lineAt(c.code, inner.x + 16, boxY + 28, { size: 17, weight: 'bold', color: COLORS.primary });
  layout.lineAt('登录以下网址输入核验码即可查验证书真伪：', inner.x + 250, boxY + 12, { size: 9, color: COLORS.muted });
  layout.textAt(c.verificationUrl, inner.x + 250, boxY + 28, inner.width - 266, { size: 9, color: COLORS.primary });

  doc.end();
  return done;
}
