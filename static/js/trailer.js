// Click-to-load trailers: nothing is fetched from the video site until the reader asks.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".trailer__play");
  if (!button) return;
  const player = button.closest(".trailer__player");
  const frame = document.createElement("iframe");
  frame.src = player.dataset.embed;
  frame.title = player.dataset.title;
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.loading = "lazy";
  player.replaceChildren(frame);
  frame.focus();
});
