// Row heights for the webview's windowed list: a Fenwick tree, so that a row's offset, the row at a
// scroll position, appending a row and changing one height are all O(log n) with 10,000+ rows. Pure.

export class HeightIndex {
  private heights: number[] = [];
  private tree: number[] = [0]; // 1-based partial sums

  get length(): number {
    return this.heights.length;
  }

  get total(): number {
    return this.offsetOf(this.heights.length);
  }

  reset(heights: readonly number[] = []): void {
    this.heights = heights.map(sanitize);
    const n = this.heights.length;
    this.tree = new Array<number>(n + 1).fill(0);
    for (let i = 1; i <= n; i++) {
      this.tree[i] += this.heights[i - 1];
      const parent = i + (i & -i);
      if (parent <= n) this.tree[parent] += this.tree[i];
    }
  }

  push(height: number): void {
    const h = sanitize(height);
    this.heights.push(h);
    const i = this.heights.length;
    // tree[i] covers rows (i - lowbit(i), i]: the new row plus sums already known.
    this.tree[i] = h + this.offsetOf(i - 1) - this.offsetOf(i - (i & -i));
  }

  /** Puts rows before the others (O(n): the sums are rebuilt). */
  prepend(heights: readonly number[]): void {
    if (heights.length) this.reset([...heights, ...this.heights]);
  }

  /** Replaces `removed` rows from `row` on with rows of these heights (O(n): the sums are rebuilt). */
  splice(row: number, removed: number, heights: readonly number[]): void {
    const next = this.heights.slice();
    next.splice(row, removed, ...heights);
    this.reset(next);
  }

  get(row: number): number {
    return this.heights[row] ?? 0;
  }

  set(row: number, height: number): number {
    const h = sanitize(height);
    const delta = h - this.heights[row];
    if (!delta) return 0;
    this.heights[row] = h;
    for (let i = row + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta;
    return delta;
  }

  /** Sum of the heights of rows [0, row). */
  offsetOf(row: number): number {
    let sum = 0;
    for (let i = Math.min(row, this.heights.length); i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  /** The row that contains y (the last row when y is past the end; 0 when empty or y < 0). */
  rowAt(y: number): number {
    const n = this.heights.length;
    if (n === 0 || y <= 0) return 0;
    let position = 0;
    let remaining = y;
    for (let step = 1 << Math.floor(Math.log2(n)); step > 0; step >>= 1) {
      const next = position + step;
      if (next <= n && this.tree[next] <= remaining) {
        position = next;
        remaining -= this.tree[next];
      }
    }
    return Math.min(position, n - 1);
  }
}

function sanitize(height: number): number {
  return Number.isFinite(height) && height > 0 ? height : 0;
}
