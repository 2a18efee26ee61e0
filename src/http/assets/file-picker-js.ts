// /verify's file picker, progressively enhanced: shows the chosen file's name beside the
// 「ファイルを選択」 button and accepts a badge dropped onto the field. Without it the button
// (a label for the visually hidden input) still opens the file dialog and the form still posts.
export const FILE_PICKER_JS = `(() => {
  for (const picker of document.querySelectorAll('[data-file-picker]')) {
    const input = picker.querySelector('input[type="file"]');
    const name = picker.querySelector('[data-file-name]');
    if (!input || !name) continue;
    const empty = name.textContent;
    const show = () => { name.textContent = input.files && input.files.length ? input.files[0].name : empty; };
    input.addEventListener('change', show);
    picker.addEventListener('dragover', (event) => { event.preventDefault(); picker.classList.add('file-picker--over'); });
    picker.addEventListener('dragleave', () => picker.classList.remove('file-picker--over'));
    picker.addEventListener('drop', (event) => {
      event.preventDefault();
      picker.classList.remove('file-picker--over');
      if (event.dataTransfer && event.dataTransfer.files.length) { input.files = event.dataTransfer.files; show(); }
    });
    picker.classList.add('file-picker--droppable');
  }
})();
`;
