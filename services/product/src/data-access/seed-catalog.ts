/**
 * The demo catalog: a fixed list of categories and product families, combined with a seeded random generator so
 * every run (and every machine) makes the same products with the same slugs. That is what lets the seed be re-run
 * safely: it inserts only slugs that are not there yet.
 */

export interface SeedCategory {
  slug: string;
  name: string;
}

export interface SeedProduct {
  slug: string;
  name: string;
  description: string;
  priceMinor: number;
  category: string;
  stock: number;
  status: 'draft' | 'published';
  /** On the home page's Featured shelf. */
  featured: boolean;
}

interface Family {
  noun: string;
  /** Typical price range in cents. */
  price: [number, number];
  variants: string[];
  detail: string;
}

const catalog: { category: SeedCategory; families: Family[] }[] = [
  {
    category: { slug: 'kitchen', name: 'Kitchen & Dining' },
    families: [
      {
        noun: 'Mug',
        price: [900, 2400],
        variants: ['Blue', 'Speckled', 'Sage'],
        detail: 'holds 350 ml and survives the dishwasher',
      },
      {
        noun: "Chef's Knife",
        price: [4900, 13900],
        variants: ['Carbon Steel', 'Damascus', 'Japanese'],
        detail: 'has a 20 cm blade with a full tang',
      },
      {
        noun: 'Salt & Pepper Mill',
        price: [2900, 5900],
        variants: ['Walnut', 'Olive Wood', 'Marble'],
        detail: 'grinds from fine to coarse with a ceramic burr',
      },
      {
        noun: 'Dutch Oven',
        price: [8900, 21900],
        variants: ['Enamelled', 'Cast Iron', 'Oval'],
        detail: 'goes from the hob to the oven up to 260 °C',
      },
    ],
  },
  {
    category: { slug: 'home', name: 'Home & Living' },
    families: [
      {
        noun: 'Throw Blanket',
        price: [3900, 8900],
        variants: ['Wool', 'Herringbone', 'Waffle'],
        detail: 'measures 130 × 170 cm',
      },
      {
        noun: 'Table Lamp',
        price: [4500, 12900],
        variants: ['Brass', 'Linen Shade', 'Opal Glass'],
        detail: 'takes an E27 bulb and has a dimmer on the cord',
      },
      {
        noun: 'Vase',
        price: [1900, 6900],
        variants: ['Terracotta', 'Smoked Glass', 'Stoneware'],
        detail: 'is 28 cm tall and watertight',
      },
      {
        noun: 'Scented Candle',
        price: [1500, 3500],
        variants: ['Fig & Cedar', 'Sea Salt', 'Amber'],
        detail: 'burns for about 45 hours',
      },
    ],
  },
  {
    category: { slug: 'outdoors', name: 'Outdoors' },
    families: [
      {
        noun: 'Daypack',
        price: [5900, 14900],
        variants: ['20 L', '28 L', 'Roll-Top'],
        detail: 'has a padded laptop sleeve and a rain cover',
      },
      {
        noun: 'Water Bottle',
        price: [1900, 3900],
        variants: ['Insulated', 'Titanium', 'Collapsible'],
        detail: 'keeps drinks cold for 24 hours',
      },
      {
        noun: 'Camping Stove',
        price: [3900, 9900],
        variants: ['Compact', 'Twin-Burner', 'Alpine'],
        detail: 'boils a litre in under four minutes',
      },
      {
        noun: 'Headlamp',
        price: [2500, 6900],
        variants: ['Rechargeable', 'Trail', 'Ultralight'],
        detail: 'reaches 400 lumens with a red night mode',
      },
    ],
  },
  {
    category: { slug: 'office', name: 'Office' },
    families: [
      {
        noun: 'Notebook',
        price: [900, 2900],
        variants: ['Dot Grid', 'Lined', 'A5 Hardcover'],
        detail: 'has 192 numbered pages of 100 g paper',
      },
      {
        noun: 'Fountain Pen',
        price: [2900, 14900],
        variants: ['Steel Nib', 'Gold Nib', 'Demonstrator'],
        detail: 'fills from cartridges or a converter',
      },
      {
        noun: 'Desk Organiser',
        price: [2400, 5900],
        variants: ['Oak', 'Felt', 'Leather'],
        detail: 'keeps pens, cards and a phone in reach',
      },
      {
        noun: 'Monitor Stand',
        price: [3900, 9900],
        variants: ['Bamboo', 'Aluminium', 'Walnut'],
        detail: 'lifts a screen by 12 cm',
      },
    ],
  },
  {
    category: { slug: 'audio', name: 'Audio' },
    families: [
      {
        noun: 'Headphones',
        price: [7900, 34900],
        variants: ['Over-Ear', 'Noise-Cancelling', 'Studio'],
        detail: 'run for 30 hours on one charge',
      },
      {
        noun: 'Bluetooth Speaker',
        price: [4900, 19900],
        variants: ['Pocket', 'Waterproof', 'Party'],
        detail: 'pairs two devices at once',
      },
      {
        noun: 'Turntable',
        price: [14900, 49900],
        variants: ['Belt-Drive', 'Direct-Drive', 'Portable'],
        detail: 'plays 33 and 45 rpm records',
      },
      {
        noun: 'Earbuds',
        price: [3900, 17900],
        variants: ['Sport', 'Wireless', 'Studio'],
        detail: 'come with three sizes of tips',
      },
    ],
  },
  {
    category: { slug: 'apparel', name: 'Apparel' },
    families: [
      {
        noun: 'T-Shirt',
        price: [1900, 3900],
        variants: ['Organic Cotton', 'Heavyweight', 'Striped'],
        detail: 'is cut from 220 g/m² cotton',
      },
      {
        noun: 'Rain Jacket',
        price: [8900, 22900],
        variants: ['Packable', 'Insulated', 'Longline'],
        detail: 'is fully taped and breathable',
      },
      {
        noun: 'Beanie',
        price: [1500, 3500],
        variants: ['Merino', 'Ribbed', 'Fisherman'],
        detail: 'is knitted in one piece',
      },
      {
        noun: 'Wool Socks',
        price: [1200, 2400],
        variants: ['Hiking', 'Everyday', 'Ski'],
        detail: 'come as a pair with a reinforced heel',
      },
    ],
  },
];

/** mulberry32: tiny, fast and good enough to vary demo prices; the fixed seed is what matters. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const seedCategories: SeedCategory[] = catalog.map((entry) => entry.category);

export function seedProducts(): SeedProduct[] {
  const random = seededRandom(20_251_124);
  const products: SeedProduct[] = [];
  for (const { category, families } of catalog) {
    for (const [familyIndex, family] of families.entries()) {
      for (const [variantIndex, variant] of family.variants.entries()) {
        const name = `${variant} ${family.noun}`;
        const [low, high] = family.price;
        // Shop prices end in .00, .50 or .90 rather than arbitrary cents.
        const euros = Math.floor((low + random() * (high - low)) / 100);
        const cents = [0, 50, 90][Math.floor(random() * 3)]!;
        const roll = random();
        products.push({
          slug: slugify(name),
          name,
          description: `Our ${name} ${family.detail}. Part of the ${category.name} range.`,
          priceMinor: euros * 100 + cents,
          category: category.slug,
          // A few sold-out items and a few drafts keep the demo honest about both.
          stock: roll < 0.08 ? 0 : Math.floor(random() * 120) + 1,
          status: roll > 0.95 ? 'draft' : 'published',
          // A few: the second variant of every category's first two families (twelve, enough for a shelf).
          featured: familyIndex < 2 && variantIndex === 1,
        });
      }
    }
  }
  return products;
}

const SCALE_STYLES = [
  'Classic',
  'Modern',
  'Rustic',
  'Nordic',
  'Urban',
  'Coastal',
  'Vintage',
  'Studio',
  'Field',
  'Alpine',
];

/** A product of the scale seed: its id is fixed by its number, so other stores' seeds can refer to it. */
export interface ScaleProduct extends SeedProduct {
  id: string;
}

export const scaleProductId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const families = catalog.flatMap(({ category, families: list }) =>
  list.flatMap((family) => family.variants.map((variant) => ({ category, family, variant }))),
);

/**
 * Product number `n` of `npm run seed -- --products N`: the demo families in many styles and series, with prices in
 * each family's range. A function of `n` alone, so a re-run makes the same rows and another seed can price them.
 */
export function scaleProductAt(n: number): ScaleProduct {
  const { category, family, variant } = families[n % families.length]!;
  const random = seededRandom(n + 1);
  const style = SCALE_STYLES[Math.floor(n / families.length) % SCALE_STYLES.length]!;
  const series = Math.floor(n / (families.length * SCALE_STYLES.length)) + 1;
  const name = `${style} ${variant} ${family.noun} ${series}`;
  const [low, high] = family.price;
  const euros = Math.floor((low + random() * (high - low)) / 100);
  const roll = random();
  return {
    id: scaleProductId(n),
    slug: `${slugify(name)}-${n}`,
    name,
    description: `Our ${name} ${family.detail}. Part of the ${category.name} range.`,
    priceMinor: euros * 100 + [0, 50, 90][Math.floor(random() * 3)]!,
    category: category.slug,
    stock: roll < 0.05 ? 0 : Math.floor(random() * 500) + 1,
    status: roll > 0.97 ? 'draft' : 'published',
    // One in a thousand, so a shelf of them exists at any scale.
    featured: n % 1000 === 1,
  };
}
