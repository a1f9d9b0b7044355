// @genhub/telegram: GenHub on Telegram.
export {};
