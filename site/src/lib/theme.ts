/**
 * The theme a person chose with the header's toggle ("fixpath-theme" in localStorage: `light` or
 * `dark`), applied before the first paint by a tiny inline script in every page's head (the same
 * text on every page: the server allows it by its hash). Without a choice, the OS setting rules
 * (the stylesheet's `prefers-color-scheme`). The toggle itself is wired by the boot script.
 */
export const THEME_KEY = "fixpath-theme";

export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
