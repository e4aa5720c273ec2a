// Answers the kernel's "echo" message at once (see relcourse/widgets/settle.py). Its answer leaves
// the browser after every widget change the page held back when the kernel asked, so when the
// kernel reads it, a Save button acts on what the learner sees. It carries a number, never words.
// "ready" tells the kernel this module now listens: it sends again any number that came too early.
export default {
  initialize({ model }) {
    model.on("msg:custom", (content) => {
      if (content && Number.isInteger(content.echo)) model.send({ echo: content.echo });
    });
    model.send({ ready: true });
  },
};
