import { erf, erfc, erfcx } from "../lib/src/math/error-function";

// Reference values: exp(x^2) erfc(x), erf(x) and erfc(x) computed with mpmath 1.3.0 at 40 significant
// digits (mp.dps = 40), printed to 20 digits; independent of the Cody approximations tested here.
const ERFCX: [number, number][] = [
  [-26.5, 1.9245531624185688092e305],
  [-20, 1.0442939379528287901e174],
  [-10, 5.3762342836322708968e43],
  [-5.5, 27443409954929.709659],
  [-3, 16205.988853999586625],
  [-1.5, 18.653886256262733939],
  [-0.5, 1.9523604891825570933],
  [-0.46875, 1.8594024168714221464],
  [-0.3, 1.4537492328427655735],
  [-1e-5, 1.0000112838916717074],
  [0, 1.0],
  [1e-10, 0.9999999998871620833],
  [0.2, 0.80901951990158074176],
  [0.46875, 0.63206968924955607816],
  [0.5, 0.61569034419292587487],
  [0.9, 0.45653165132311703933],
  [1, 0.42758357615580700441],
  [2, 0.25539567631050574387],
  [3.7, 0.14743499753718507911],
  [4, 0.13699945762506138989],
  [4.1, 0.13383411641865198274],
  [5, 0.11070463773306862637],
  [7.5, 0.074573693062876683005],
  [10, 0.056140992743822585858],
  [26.6, 0.021195178159166479039],
  [50, 0.0112815362653237725],
  [100, 0.0056416137829894329036],
  [1e4, 0.000056418958072680841152],
  [1e8, 5.6418958354775625874e-9],
];

const ERF_ERFC: [number, number, number][] = [
  [-30, -1.0, 2.0],
  [-5, -0.99999999999846254021, 1.9999999999984625402],
  [-1, -0.84270079294971486934, 1.8427007929497148693],
  [-0.3, -0.32862675945912742764, 1.3286267594591274276],
  [0, 0.0, 1.0],
  [0.1, 0.1124629160182848922, 0.8875370839817151078],
  [0.46875, 0.49261347321793799159, 0.50738652678206200841],
  [0.5, 0.52049987781304653768, 0.47950012218695346232],
  [1, 0.84270079294971486934, 0.15729920705028513066],
  [2, 0.99532226501895273416, 0.0046777349810472658379],
  [4, 0.99999998458274209972, 1.5417257900280018852e-8],
  [6, 0.99999999999999997848, 2.1519736712498913117e-17],
  [10, 1.0, 2.088487583762544757e-45],
  [26, 1.0, 5.6631924088561428465e-296],
];

function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

describe("erfcx", () => {
  test.each(ERFCX)("erfcx(%p) matches the 40-digit mpmath value to 1e-14 relative", (x, ref) => {
    expect(relErr(erfcx(x), ref)).toBeLessThan(1e-14);
  });

  test("erfcx follows 1/(x sqrt(pi)) far out and is finite up to the largest double", () => {
    for (const x of [1e9, 1e100, 1e300, Number.MAX_VALUE]) {
      expect(relErr(erfcx(x), 1 / (x * Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
    }
    expect(erfcx(Infinity)).toBe(0);
  });

  test("erfcx is finite down to x = -26.628 and refused below, where exp(x^2) exceeds the largest double (no bare Infinity)", () => {
    expect(Number.isFinite(erfcx(-26.6))).toBe(true);
    expect(() => erfcx(-26.7)).toThrow(/^erfcx: x must be >= -26\.628 \(below, exp\(x\^2\) erfc\(x\) is past double precision\), got -26\.7$/);
    expect(() => erfcx(-Infinity)).toThrow(/^erfcx: x must be >= -26\.628/);
  });

  test("erfcx satisfies erfcx(x) + erfcx(-x) = 2 exp(x^2) and is positive and decreasing on a fine grid", () => {
    let prev = Infinity;
    for (let x = -26; x <= 60; x += 0.01) {
      const v = erfcx(x);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(prev);
      prev = v;
      // exp(x * x) itself carries a relative error of about x^2 * 1.1e-16 (the rounding of x * x).
      if (Math.abs(x) < 20) expect(relErr(erfcx(x) + erfcx(-x), 2 * Math.exp(x * x))).toBeLessThan(1e-14 * (1 + x * x));
    }
  });

  test("erfcx is continuous across the approximation boundaries 0.46875 and 4", () => {
    for (const b of [0.46875, 4]) {
      for (const s of [1, -1]) {
        const x = s * b;
        const below = erfcx(x * (1 - 1e-15));
        const above = erfcx(x * (1 + 1e-15));
        // the true change over the 2e-15 |x| step is |d ln erfcx / dx| 2e-15 |x| <= 2 |x| 2e-15 |x|
        expect(relErr(below, above)).toBeLessThan(1e-14 + 4e-15 * x * x);
      }
    }
  });

  test("erfcx rejects NaN with a message naming the function", () => {
    expect(() => erfcx(NaN)).toThrow(/erfcx: x must be a number/);
  });
});

describe("erf and erfc", () => {
  test.each(ERF_ERFC)("erf(%p) and erfc(%p) match mpmath to 1e-14 relative", (x, e, ec) => {
    expect(Math.abs(erf(x) - e)).toBeLessThanOrEqual(1e-14 * Math.max(Math.abs(e), 1e-300));
    expect(relErr(erfc(x), ec)).toBeLessThan(1e-13);
  });

  test("erfc underflows to 0 for large x and erf is odd", () => {
    expect(erfc(27)).toBe(0);
    expect(erfc(-27)).toBe(2);
    for (const x of [0.1, 0.7, 3, 8]) expect(erf(-x)).toBe(-erf(x));
  });
});
