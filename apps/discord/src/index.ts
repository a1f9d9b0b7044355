// @genhub/discord: GenHub on Discord.
export {};
