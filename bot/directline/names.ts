/** Where the desk's Direct Line lives and the channel id its activities carry. */
export const DIRECTLINE_PATH = '/v3/directline';
export const CHANNEL_ID = 'directline';
