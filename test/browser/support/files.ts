/** A valid 1x1 PNG: the smallest screenshot a customer or an agent can send. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa65d3a0000000049454e44ae426082',
  'hex',
);
